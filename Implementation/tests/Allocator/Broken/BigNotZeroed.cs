using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>cpu_alloc that zeroes only what the reserve hands out, as if big_percpu_alloc's memory came zeroed: a re-used big area keeps its old bytes. Breaks <c>zeroed</c>.</summary>
public sealed class BigNotZeroed(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override void ZeroEveryCpu(PerCpuPtr ptr, int size) => base.ZeroEveryCpu(ptr, ptr.Offset < Area.ReserveBytes ? size : 0);
}
