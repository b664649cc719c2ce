using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose fill passes the raw <c>target_nr</c> argument, not the resolved target, to the
/// locked splice. The changed line: <c>splice(target, ...)</c> became <c>splice(targetNr, ...)</c>,
/// two names for one thing after <c>target_nr = target_nr ?: pool-&gt;nr_high</c> in the seed. A default
/// fill (0, as the refill work does) then sets <c>inhibit_fill = 0 &lt; nr_low</c>: after every refill the
/// pool no longer refills below the low watermark, only when it runs empty. The seed's documented
/// policy (the strict level): only a target below low inhibits.
/// </summary>
[Implementation("pool-fill-inhibits-on-default",
    Description = "fill computes inhibit_fill from the raw target argument: a default fill (0) inhibits refill below low",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolFillInhibitsOnDefault(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    public override void Fill(int targetNr)
    {
        var target = targetNr != 0 ? targetNr : Parameters.High;
        var nr = Math.Max(target - (int)Nr.Read(), 0);
        nr = AllocElems(nr, out var head, out var tail);
        FillSplice(targetNr, nr, head, tail);
    }
}
