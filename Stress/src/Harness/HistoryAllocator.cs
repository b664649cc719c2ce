using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;
using Conformance.Stress.Specifications;

namespace Conformance.Stress.Harness;

/// <summary>
/// Stands between a pool and its allocator and records each call the pool makes into the history: what
/// it allocated (a supply) and what it freed (a reclaim), on the context that made the call (a CPU in a
/// fill or an empty, or the worker running the refill). While the harness runs an explicit fill on a CPU,
/// the allocations that CPU makes are that fill's, and are collected for it. The pool cannot tell it is there.
/// </summary>
internal sealed class HistoryAllocator(Platform platform, IPerCpuAllocator inner, HistoryRecorder<PoolCall> history) : IPerCpuAllocator
{
    // Per context: the elements the explicit fill running there allocated and kept. Only that context touches it.
    private readonly List<PerCpuPtr>?[] fills = new List<PerCpuPtr>?[platform.ContextCount];

    public PerCpuArea Area => inner.Area;

    /// <summary>The harness is about to call percpu_pool_fill on <paramref name="cpu"/>.</summary>
    public void BeginFill(int cpu) => fills[cpu] = [];

    /// <summary>The fill on <paramref name="cpu"/> returned: the elements it allocated and did not give back.</summary>
    public IReadOnlyList<PerCpuPtr> EndFill(int cpu)
    {
        var supplied = fills[cpu] ?? [];
        fills[cpu] = null;
        return supplied;
    }

    public long BytesInUse => inner.BytesInUse;

    public PerCpuPtr Alloc(int size, int align) => Supply(() => inner.Alloc(size, align));

    public PerCpuPtr AllocBig(int size, int align) => Supply(() => inner.AllocBig(size, align));

    public void Free(PerCpuPtr ptr)
    {
        var context = platform.CurrentContext;
        fills[context]?.Remove(ptr);
        var op = new PoolCall(PoolCallKind.Reclaim, context, ptr);
        var call = history.Begin(context, op);
        try
        {
            inner.Free(ptr);
        }
        finally
        {
            // Recorded even when the free throws: the pool tried to give it back, which is what the
            // specification judges.
            history.End(context, op, call);
        }
    }

    private PerCpuPtr Supply(Func<PerCpuPtr> alloc)
    {
        var context = platform.CurrentContext;
        var call = history.Begin(context, "the pool's alloc_percpu");
        PerCpuPtr p;
        try
        {
            p = alloc();
        }
        catch
        {
            history.Abandon(context);
            throw;
        }
        var fill = fills[context];
        if (fill is not null && !p.IsNull)
        {
            fill.Add(p);
        }
        history.End(context, new PoolCall(PoolCallKind.Supply, context, p, ForFill: fill is not null), call);
        return p;
    }
}
