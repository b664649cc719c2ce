namespace Conformance.Properties;

/// <summary>One step of a pool sequence.</summary>
public sealed record PoolOp(PoolOpKind Kind, int A = 0)
{
    public override string ToString() => Kind switch
    {
        PoolOpKind.Cpu => $"on CPU{A}",
        PoolOpKind.IrqOff => "local_irq_disable",
        PoolOpKind.IrqOn => "local_irq_enable",
        PoolOpKind.Alloc => "alloc",
        PoolOpKind.AllocInIrq => "alloc in an IPI handler",
        PoolOpKind.Fill => $"fill({A})",
        PoolOpKind.Empty => "empty",
        PoolOpKind.RunWork => "run pending work",
        PoolOpKind.FreeHeld => $"free(held #{A})",
        PoolOpKind.InvalidParameters => $"init pool with {PoolHarness.InvalidParameters(A)}",
        _ => Kind.ToString(),
    };

    public IEnumerable<PoolOp> Simpler()
    {
        if (Kind is PoolOpKind.Fill or PoolOpKind.FreeHeld && A > 0)
        {
            yield return this with { A = 0 };
        }
        if (Kind == PoolOpKind.AllocInIrq)
        {
            yield return this with { Kind = PoolOpKind.Alloc };
        }
    }
}
