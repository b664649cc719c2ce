using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// percpu_pool that writes each chain link through <c>pcpu_pool_cpu</c>'s copy of the element but reads
/// it through the copy of the CPU it runs on (<c>this_cpu_ptr</c> where <c>per_cpu_ptr(p,
/// pcpu_pool_cpu)</c> belongs). On any other CPU the link read is that CPU's copy, zeroed when the element
/// was allocated: an alloc there drops the rest of the chain (elements lost, the count no longer the
/// chain's length), and an empty there frees only the head.
/// </summary>
/// <remarks>
/// Exposed by an alloc or empty on a CPU other than the first with two or more elements in the pool:
/// the pool property (Count against the chain), and the pool scenarios' chain and conservation oracles.
/// </remarks>
[Implementation("pool-chain-slot-mismatch",
    Description = "the next link is written through one CPU's copy and read through another's",
    Mirrors = "pcpu_pool_nextp: one CPU's copy (pcpu_pool_cpu) carries every link (Heo, Jul 2014)",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolChainSlotMismatch(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    /// <summary>The defect: the link is read from this CPU's copy of <paramref name="p"/>.</summary>
    protected override PerCpuPtr ReadNextp(PerCpuPtr p) => PerCpuPtr.FromRaw(Area.ReadInt64(p, Platform.ThisCpu));
}
