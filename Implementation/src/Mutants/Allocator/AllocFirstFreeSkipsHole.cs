using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// cpu_alloc whose alloc moves <c>first_free</c> past its block even when the block was found above the
/// first free unit (an alignment or size skip): the free units below the new hint are never searched
/// again until a free lowers it, so later allocations are not first fit or fail while a hole fits.
/// </summary>
/// <remarks>
/// Exposed by an aligned or large request that skips a small hole, then a request the hole fits: the
/// allocator property (strict first fit; NULL while something fits).
/// </remarks>
[Implementation("alloc-first-free-skips-hole",
    Description = "alloc moves first_free past its block even when the block was not at first_free",
    Mirrors = "cpu_alloc's 'if (first) first_free = start + units;' (cpu_alloc, Lameter, Sep 2008)")]
public sealed class AllocFirstFreeSkipsHole(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    /// <summary>The defect: the hint moves without the <c>if (first)</c>.</summary>
    protected override void FirstFreeAfterAlloc(int start, int units, bool first) => FirstFreeWord.Write(start + units);
}
