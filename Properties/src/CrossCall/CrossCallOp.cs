namespace Conformance.Properties;

/// <summary>One step of a cross-call sequence.</summary>
public sealed record CrossCallOp(CrossCallOpKind Kind, int A = 0, int B = 0)
{
    public bool Wait => B != 0;

    public override string ToString() => Kind switch
    {
        CrossCallOpKind.Cpu => $"on CPU{A}",
        CrossCallOpKind.IrqOff => "local_irq_disable",
        CrossCallOpKind.IrqOn => "local_irq_enable",
        CrossCallOpKind.CallSingle => $"call_single(CPU{A}{(Wait ? ", wait" : "")})",
        CrossCallOpKind.CallMany => $"call_many({new Smp.CpuMask((ulong)A)}{(Wait ? ", wait" : "")})",
        CrossCallOpKind.Call => $"call(all{(Wait ? ", wait" : "")})",
        CrossCallOpKind.Deliver => $"deliver IPIs on CPU{A}",
        _ => Kind.ToString(),
    };

    public IEnumerable<CrossCallOp> Simpler()
    {
        if (Kind is CrossCallOpKind.CallSingle or CrossCallOpKind.CallMany or CrossCallOpKind.Call && Wait)
        {
            yield return this with { B = 0 };
        }
        if (Kind == CrossCallOpKind.Call)
        {
            yield return new CrossCallOp(CrossCallOpKind.CallMany, 0b11, B);
        }
    }
}
