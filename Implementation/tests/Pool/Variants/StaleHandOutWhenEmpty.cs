using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Pool.Variants;

/// <summary>
/// Breaks <c>double-hand-out</c> (the holder still has it) and <c>freed-hand-out</c> (it freed it): an
/// empty pool returns the element it handed out last instead of NULL.
/// </summary>
public sealed class StaleHandOutWhenEmpty(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    private PerCpuPtr last;

    public override PerCpuPtr Alloc()
    {
        var p = base.Alloc();
        return p.IsNull ? last : last = p;
    }
}
