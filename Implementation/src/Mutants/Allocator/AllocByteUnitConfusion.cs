using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// cpu_alloc that returns the starting unit's number as a byte offset (the missing cast: bytes where the
/// bitmap counts 4-byte units). Two live allocations in neighbouring units get overlapping bytes, and
/// free clears the units of the byte offset divided by the unit, which belong to someone else.
/// </summary>
/// <remarks>Exposed by two live allocations: the allocator property's overlap and shadow checks.</remarks>
[Implementation("alloc-byte-unit-confusion",
    Description = "the returned offset is computed in bytes, the bitmap in units: two live allocations overlap",
    Mirrors = "the missing cast in cpu_alloc's '(int *)__per_cpu_end + start' caught in review (Sep 2008)")]
public sealed class AllocByteUnitConfusion(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    /// <summary>The defect: the unit number, not <c>unit * UNIT_SIZE</c>.</summary>
    protected override int UnitOffset(int unit) => unit;
}
