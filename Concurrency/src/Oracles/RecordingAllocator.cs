using Conformance.Contracts;
using Conformance.Memory;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// Stands between a pool and its allocator and remembers what went through: how many areas were
/// allocated and freed, and which are live. Conservation (allocated = in pool + held + freed) and
/// "never hand out a freed element" are checked against it, whatever the pool does inside.
/// </summary>
public sealed class RecordingAllocator(IPerCpuAllocator inner) : IPerCpuAllocator
{
    private readonly object gate = new();
    private readonly HashSet<PerCpuPtr> live = [];
    private readonly Dictionary<PerCpuPtr, int> sizes = [];
    private readonly HashSet<PerCpuPtr> ever = [];

    public PerCpuArea Area => inner.Area;

    public long BytesInUse => inner.BytesInUse;

    public int Allocated { get; private set; }

    public int Freed { get; private set; }

    /// <summary>Live allocations now.</summary>
    public int LiveCount
    {
        get
        {
            lock (gate)
            {
                return live.Count;
            }
        }
    }

    /// <summary>Whether the most recent allocation request was refused (NULL): the allocator is out of space.</summary>
    public bool LastRequestRefused { get; private set; }

    /// <summary>Whether <paramref name="ptr"/> was ever handed out by this allocator (live or freed since).</summary>
    public bool EverAllocated(PerCpuPtr ptr)
    {
        lock (gate)
        {
            return ever.Contains(ptr);
        }
    }

    /// <summary>The size asked for a live allocation; null when <paramref name="ptr"/> is not live.</summary>
    public int? SizeOf(PerCpuPtr ptr)
    {
        lock (gate)
        {
            return live.Contains(ptr) && sizes.TryGetValue(ptr, out var size) ? size : null;
        }
    }

    public bool IsLive(PerCpuPtr ptr)
    {
        lock (gate)
        {
            return live.Contains(ptr);
        }
    }

    public PerCpuPtr Alloc(int size, int align) => Record(inner.Alloc(size, align), size);

    public PerCpuPtr AllocBig(int size, int align) => Record(inner.AllocBig(size, align), size);

    public void Free(PerCpuPtr ptr)
    {
        // Not live from the call on: while the inner free runs, the area already calls the bytes free.
        lock (gate)
        {
            live.Remove(ptr);
            sizes.Remove(ptr);
        }
        inner.Free(ptr);
        if (ptr.IsNull || ptr.IsZeroSize)
        {
            return;
        }
        lock (gate)
        {
            Freed++;
        }
    }

    private PerCpuPtr Record(PerCpuPtr ptr, int size)
    {
        lock (gate)
        {
            LastRequestRefused = ptr.IsNull && size > 0;
            if (!ptr.IsNull && !ptr.IsZeroSize)
            {
                live.Add(ptr);
                sizes[ptr] = size;
                ever.Add(ptr);
                Allocated++;
            }
        }
        return ptr;
    }
}
