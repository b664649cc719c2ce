using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// cpu_alloc whose fit test looks for a used unit only up to the end of the map: a run with no used unit
/// after its start fits even when it hangs over the end of the reserve, so an allocation runs off the end
/// of the area (into the big region, or past the bitmap).
/// </summary>
/// <remarks>Exposed by a request larger than the free tail of the reserve: the allocator property's placement check.</remarks>
[Implementation("alloc-scan-past-end",
    Description = "the fit test does not stop at the end of the reserve: an allocation runs off the end of the area",
    Mirrors = "8c43004af016 (a search that ran past the end of the bitmap)")]
public sealed class AllocScanPastEnd(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    /// <summary>The defect: the run's end is clipped to <c>nr_units</c> before the comparison.</summary>
    protected override bool FitsAt(int start, int units, int alignUnits) =>
        start % alignUnits == 0 && FindNextBit(start + 1) >= Math.Min((long)start + units, NrUnits);
}
