using Conformance.Contracts;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Pool.Variants;

/// <summary>
/// Breaks <c>empty-post</c>: empties by allocating every element and freeing it, without cancelling the
/// refill, which the alloc that leaves the pool empty schedules again.
/// </summary>
public sealed class EmptyByDraining(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    public override void Empty()
    {
        for (var p = Alloc(); !p.IsNull; p = Alloc())
        {
            Allocator.Free(p);
        }
    }
}
