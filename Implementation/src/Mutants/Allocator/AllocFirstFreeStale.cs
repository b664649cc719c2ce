using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// cpu_alloc whose free does not lower <c>first_free</c>: the search starts above a freed hole, so the
/// hole is never reused (spurious out-of-memory, or a placement that is not first fit).
/// </summary>
[Implementation("alloc-first-free-stale",
    Description = "free does not lower first_free: holes below the hint are never reused",
    Mirrors = "cpu_free's 'if (index < first_free) first_free = index;' (cpu_alloc, Lameter, Sep 2008)")]
public sealed class AllocFirstFreeStale(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    /// <summary>The defect: the hint stays where it was.</summary>
    protected override void FirstFreeAfterFree(int index)
    {
    }
}
