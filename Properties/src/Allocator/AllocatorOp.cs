namespace Conformance.Properties;

/// <summary>One step of an allocator sequence. What it acts on is relative (the k-th live allocation), so any sub-sequence is valid.</summary>
public sealed record AllocatorOp(AllocatorOpKind Kind, int A = 0, int B = 0)
{
    public override string ToString() => Kind switch
    {
        AllocatorOpKind.Cpu => $"on CPU{A}",
        AllocatorOpKind.IrqOff => "local_irq_disable",
        AllocatorOpKind.IrqOn => "local_irq_enable",
        AllocatorOpKind.Alloc => $"alloc(size {A}, align {B})",
        AllocatorOpKind.AllocBig => $"alloc_big(size {A}, align {B})",
        AllocatorOpKind.Free => $"free(live #{A})",
        AllocatorOpKind.FreeNull => "free(NULL)",
        AllocatorOpKind.FreeZeroSize => "free(ZERO_SIZE_PTR)",
        AllocatorOpKind.FreeStale => $"free(freed #{A}) again",
        AllocatorOpKind.FreeInterior => $"free(live #{A} + {B})",
        AllocatorOpKind.FreeForeign => $"free(foreign pointer at live #{A})",
        _ => Kind.ToString(),
    };

    /// <summary>Simpler versions of this step, for shrinking.</summary>
    public IEnumerable<AllocatorOp> Simpler()
    {
        if (Kind is AllocatorOpKind.Alloc or AllocatorOpKind.AllocBig)
        {
            if (A > 1)
            {
                yield return this with { A = A / 2 };
            }
            if (B > 4)
            {
                yield return this with { B = B / 2 };
            }
        }
        if (Kind is AllocatorOpKind.Free or AllocatorOpKind.FreeStale or AllocatorOpKind.FreeInterior or AllocatorOpKind.FreeForeign && A > 0)
        {
            yield return this with { A = 0 };
        }
    }
}
