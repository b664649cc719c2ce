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

    public PerCpuArea Area => inner.Area;

    public long BytesInUse => inner.BytesInUse;

    public int Allocated { get; private set; }

    public int Freed { get; private set; }

    public bool IsLive(PerCpuPtr ptr)
    {
        lock (gate)
        {
            return live.Contains(ptr);
        }
    }

    public PerCpuPtr Alloc(int size, int align) => Record(inner.Alloc(size, align));

    public PerCpuPtr AllocBig(int size, int align) => Record(inner.AllocBig(size, align));

    public void Free(PerCpuPtr ptr)
    {
        inner.Free(ptr);
        if (ptr.IsNull || ptr.IsZeroSize)
        {
            return;
        }
        lock (gate)
        {
            live.Remove(ptr);
            Freed++;
        }
    }

    private PerCpuPtr Record(PerCpuPtr ptr)
    {
        if (!ptr.IsNull && !ptr.IsZeroSize)
        {
            lock (gate)
            {
                live.Add(ptr);
                Allocated++;
            }
        }
        return ptr;
    }
}
