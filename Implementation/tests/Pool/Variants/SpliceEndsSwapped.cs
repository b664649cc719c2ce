using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Pool.Variants;

/// <summary>
/// Breaks <c>conservation</c>: fill splices its new chain with head and tail swapped, so the pool's head
/// becomes the new chain's last element and everything behind it drops off, while nr counts it all.
/// </summary>
public sealed class SpliceEndsSwapped(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    protected override void FillSplice(int targetNr, int nr, PerCpuPtr head, PerCpuPtr tail) => base.FillSplice(targetNr, nr, tail, head);
}
