using Conformance.Contracts;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Pool.Variants;

/// <summary>
/// Breaks <c>refill-liveness</c>: the <c>!pool-&gt;nr</c> test folded into <c>nr &lt; nr_low</c>, which
/// looks redundant, so a pool a small fill inhibited never refills when it runs empty.
/// </summary>
public sealed class InhibitedPoolNeverRefills(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    protected override bool ShouldFill(long nr) => nr < Parameters.Low && InhibitFillWord.Read() == 0;
}
