using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// cpu_alloc whose fit test drops the alignment check: the first free run long enough is taken wherever
/// it starts, so an aligned request gets a pointer that is not aligned.
/// </summary>
/// <remarks>Exposed by any request aligned above a unit that meets a misaligned free run: the allocator property.</remarks>
[Implementation("alloc-align-ignored",
    Description = "the alignment test is dropped: a returned pointer is not aligned",
    Mirrors = "cpu_alloc's 'start % (align / UNIT_SIZE) == 0' (cpu_alloc, Lameter, Sep 2008)")]
public sealed class AllocAlignIgnored(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    /// <summary>The defect: only <c>find_next_bit(map, nr_units, start + 1) &gt;= start + units</c>.</summary>
    protected override bool FitsAt(int start, int units, int alignUnits) => FindNextBit(start + 1) >= (long)start + units;
}
