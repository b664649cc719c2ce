namespace Conformance.Allocator;

/// <summary>
/// One allocation the allocator has handed out and not taken back: where it starts (a byte offset
/// into the per-cpu area), how many 4-byte units it holds, the size asked for (the bytes marked in the
/// shadow and zeroed) and its tag. cpu_free takes the size from its caller; free_percpu does not, so
/// the allocator keeps these itself, under its lock.
/// </summary>
public readonly record struct LiveAllocation(int Offset, int Units, int Size, int Tag)
{
    /// <summary>The first byte after the allocation's units.</summary>
    public int End => Offset + Units * CpuAlloc.UnitSize;
}
