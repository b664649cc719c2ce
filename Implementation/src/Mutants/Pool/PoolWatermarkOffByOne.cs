using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// percpu_pool that compares <c>nr &lt;= nr_low</c>: the refill is scheduled one element early. Every
/// safety rule still holds; only the seed's exact trigger (the strict level) tells it apart.
/// </summary>
[Implementation("pool-watermark-off-by-one",
    Description = "alloc schedules the refill at nr <= low instead of nr < low",
    Mirrors = "percpu_pool_alloc's 'pool->nr < pool->nr_low' (Heo, Jul 2014)",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolWatermarkOffByOne(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    /// <summary>The defect: <c>&lt;=</c> at the low watermark.</summary>
    protected override bool ShouldFill(long nr) => nr == 0 || (InhibitFillWord.Read() == 0 && nr <= Parameters.Low);
}
