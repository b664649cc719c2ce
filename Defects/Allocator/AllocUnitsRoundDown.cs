using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose <c>size_to_units</c> divides without rounding up. The changed line:
/// <c>DIV_ROUND_UP(size, UNIT_SIZE)</c> became <c>size / UNIT_SIZE</c>. Sizes that are multiples of a
/// unit (every int, long and pointer) are right, so a reviewer reading the usual callers sees nothing;
/// a 6-byte object gets one unit and its last two bytes belong to the next allocation, a 3-byte one none.
/// </summary>
[Implementation("alloc-units-round-down",
    Description = "size_to_units rounds down: an object whose size is not a multiple of 4 overlaps the next allocation")]
public sealed class AllocUnitsRoundDown(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override int SizeToUnits(int size) => size / UnitSize;
}
