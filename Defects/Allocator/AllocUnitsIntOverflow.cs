using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose <c>size_to_units</c> rounds up in <c>int</c>. The changed line:
/// <c>((long)size + UNIT_SIZE - 1) / UNIT_SIZE</c> lost its widening cast, the textbook
/// <c>DIV_ROUND_UP</c>. A size within three bytes of <c>INT_MAX</c> wraps to a negative unit count
/// that "fits" anywhere: the allocator moves its hint and its byte count and then fails with an
/// exception where the contract wants NULL and nothing changed.
/// </summary>
[Implementation("alloc-units-int-overflow",
    Description = "size_to_units overflows for sizes near INT_MAX: a negative unit count fits and the allocation is not NULL")]
public sealed class AllocUnitsIntOverflow(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override int SizeToUnits(int size) => (size + UnitSize - 1) / UnitSize;
}
