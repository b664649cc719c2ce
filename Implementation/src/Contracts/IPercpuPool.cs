using Conformance.Memory;

namespace Conformance.Contracts;

/// <summary>
/// Tejun Heo's <c>percpu_pool</c>: a cache of pre-allocated per-cpu areas that can be taken from any
/// context and is refilled by a work item. Constructed as
/// <c>new T(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)</c>.
/// </summary>
/// <remarks>
/// Contract level: an element is handed to at most one holder until it is freed (with the allocator's
/// <see cref="IPerCpuAllocator.Free"/>: elements never come back to the pool); allocated elements =
/// elements in the pool + held + freed, at every quiescent point; <see cref="Alloc"/> never waits and
/// works with interrupts disabled and from IPI handlers; an empty pool makes <see cref="Alloc"/> return
/// NULL and schedule the refill; after <see cref="Empty"/> returns, no refill work is running or
/// pending and the pool holds nothing.
/// Strict level (the seed exactly): refill is scheduled when the pool is left empty, or below the low
/// watermark while <c>inhibit_fill</c> is clear; <see cref="Fill"/> with a target below low sets
/// <c>inhibit_fill</c> until the pool runs empty; the refill fills to the high watermark.
/// </remarks>
public interface IPercpuPool
{
    PoolParameters Parameters { get; }

    /// <summary><c>percpu_pool_fill(pool, target)</c>: 0 means the high watermark. Process context.</summary>
    void Fill(int targetNr);

    /// <summary><c>percpu_pool_empty(pool)</c>: cancels the refill work, then frees every element. Process context.</summary>
    void Empty();

    /// <summary><c>percpu_pool_alloc(pool)</c>: any context; NULL when empty.</summary>
    PerCpuPtr Alloc();

    /// <summary><c>pool-&gt;nr</c>: how many elements the pool holds. Not a scheduling point.</summary>
    int Count { get; }

    /// <summary><c>pool-&gt;inhibit_fill</c>. Not a scheduling point.</summary>
    bool InhibitFill { get; }

    /// <summary>The elements the pool holds now, head first. Only at quiescence; not a scheduling point.</summary>
    IReadOnlyList<PerCpuPtr> Elements();
}
