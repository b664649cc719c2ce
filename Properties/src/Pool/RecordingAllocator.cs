using Conformance.Contracts;
using Conformance.Memory;

namespace Conformance.Properties;

/// <summary>
/// The allocator a pool under test fills from: the reference, wrapped so the harness sees every
/// allocation and free the pool makes (black-box conservation: allocated = in pool + held + freed).
/// </summary>
internal sealed class RecordingAllocator(IPerCpuAllocator inner) : IPerCpuAllocator
{
    private readonly Dictionary<PerCpuPtr, int> live = [];
    private readonly HashSet<PerCpuPtr> ever = [];

    public PerCpuArea Area => inner.Area;

    public long BytesInUse => inner.BytesInUse;

    /// <summary>The allocations made through this allocator and not freed, with their sizes.</summary>
    public IReadOnlyDictionary<PerCpuPtr, int> Live => live;

    /// <summary>Every allocation made through this allocator, freed or not.</summary>
    public IReadOnlySet<PerCpuPtr> Ever => ever;

    public int Allocations { get; private set; }

    public int Frees { get; private set; }

    /// <summary>How many allocations returned NULL.</summary>
    public int Failures { get; private set; }

    public PerCpuPtr Alloc(int size, int align)
    {
        var ptr = inner.Alloc(size, align);
        Record(ptr, size);
        return ptr;
    }

    public PerCpuPtr AllocBig(int size, int align)
    {
        var ptr = inner.AllocBig(size, align);
        Record(ptr, size);
        return ptr;
    }

    public void Free(PerCpuPtr ptr)
    {
        inner.Free(ptr);
        if (live.Remove(ptr))
        {
            Frees++;
        }
    }

    private void Record(PerCpuPtr ptr, int size)
    {
        if (ptr.IsNull)
        {
            Failures++;
        }
        else if (!ptr.IsZeroSize)
        {
            Allocations++;
            live[ptr] = size;
            ever.Add(ptr);
        }
    }
}
