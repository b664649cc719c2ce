using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Pool.Variants;

/// <summary>Breaks <c>nr-bound</c>: every fill allocates one element more than it is missing.</summary>
public sealed class FillOneOver(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    protected override int AllocElems(int nr, out PerCpuPtr head, out PerCpuPtr tail) => base.AllocElems(nr + 1, out head, out tail);
}
