using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Pool.Variants;

/// <summary>Breaks <c>hand-out-content</c>: writes only non-NULL links, so the element handed out keeps its link.</summary>
public sealed class LinkLeftOnHandOut(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    // "Allocations come zeroed, so a NULL link need not be written": but a popped element's link is not NULL.
    protected override void WriteNextp(PerCpuPtr p, PerCpuPtr next)
    {
        if (!next.IsNull)
        {
            base.WriteNextp(p, next);
        }
    }
}
