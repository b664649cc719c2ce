using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>free_percpu that lets only NULL through as a no-op: ZERO_SIZE_PTR goes on to cpu_free's checks and is refused. Breaks <c>zero-size</c>.</summary>
public sealed class FreeZeroSizeThrows(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override bool IsNoOpFree(PerCpuPtr ptr) => ptr.IsNull;
}
