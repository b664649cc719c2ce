using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Pool.Variants;

/// <summary>
/// Breaks <c>owner-pattern</c> (and the hand-out clauses after it): the next link is read from
/// pool-&gt;head rather than from the element, so alloc leaves the element it handed out at the head, and
/// the next alloc clears that element's link while its holder has it.
/// </summary>
public sealed class HeadNotAdvanced(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    protected override PerCpuPtr ReadNextp(PerCpuPtr p) => PerCpuPtr.FromRaw(Head.Read());
}
