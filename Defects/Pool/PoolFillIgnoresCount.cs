using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose fill allocates the whole target instead of what is missing. The changed line:
/// <c>nr = max(target_nr - pool-&gt;nr, 0)</c> became <c>nr = target_nr</c>, "fill to" read as "fill by".
/// The refill work runs when the pool is empty or nearly so, which hides it; an explicit fill of a pool
/// that still holds elements (or a refill scheduled below the low watermark) goes past the target.
/// </summary>
[Implementation("pool-fill-ignores-count",
    Description = "fill allocates target elements whatever the pool holds: a pool that is not empty grows past its target",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolFillIgnoresCount(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    public override void Fill(int targetNr)
    {
        var target = targetNr != 0 ? targetNr : Parameters.High;
        var nr = target;
        nr = AllocElems(nr, out var head, out var tail);
        FillSplice(target, nr, head, tail);
    }
}
