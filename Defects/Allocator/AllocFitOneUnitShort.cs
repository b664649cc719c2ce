using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose fit test accepts a free run one unit too short. The changed line:
/// <c>find_next_bit(map, nr_units, start + 1) &gt;= start + units</c> became <c>&gt;= start + units - 1</c>,
/// the kind of fencepost a reviewer reads as "the last unit of the run". A hole exactly one unit shorter
/// than the request, followed by a used unit, is taken: the new allocation's last unit is a live one's first.
/// </summary>
[Implementation("alloc-fit-one-unit-short",
    Description = "the fit test accepts a run one unit shorter than asked: the allocation overlaps the next live one")]
public sealed class AllocFitOneUnitShort(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override bool FitsAt(int start, int units, int alignUnits) =>
        start % alignUnits == 0 && FindNextBit(start + 1) >= (long)start + units - 1;
}
