using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// percpu_pool whose alloc schedules the refill only below the low watermark while refill is not
/// inhibited: the "pool is empty" trigger is gone, so after a small explicit fill sets inhibit_fill an
/// emptied pool never refills and every alloc fails.
/// </summary>
[Implementation("pool-no-refill-when-empty",
    Description = "alloc drops the !pool->nr trigger: an inhibited (or low 0) pool that runs empty never refills",
    Mirrors = "percpu_pool_alloc's '!pool->nr ||' refill condition (Heo, Jul 2014)",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolNoRefillWhenEmpty(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    /// <summary>The defect: only <c>!inhibit_fill &amp;&amp; nr &lt; nr_low</c>.</summary>
    protected override bool ShouldFill(long nr) => InhibitFillWord.Read() == 0 && nr < Parameters.Low;
}
