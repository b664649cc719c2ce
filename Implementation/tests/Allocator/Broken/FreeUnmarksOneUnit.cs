using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>free_percpu that unmarks only the first unit of the allocation in the shadow: the rest stays marked as the freed allocation's. Breaks <c>shadow</c>.</summary>
public sealed class FreeUnmarksOneUnit(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override void ShadowFreed(LiveAllocation allocation) => base.ShadowFreed(allocation with { Size = Math.Min(allocation.Size, UnitSize) });
}
