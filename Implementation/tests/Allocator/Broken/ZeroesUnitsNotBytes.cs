using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>cpu_alloc that passes the unit count to memset as the length: all but the first quarter of a re-used area keeps its old bytes. Breaks <c>zeroed</c>.</summary>
public sealed class ZeroesUnitsNotBytes(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override void ZeroEveryCpu(PerCpuPtr ptr, int size) => base.ZeroEveryCpu(ptr, SizeToUnits(size));
}
