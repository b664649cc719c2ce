using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// cpu_alloc whose free treats NULL as an invalid pointer. The seed's contract says <c>free_percpu(NULL)</c>
/// is a no-op (Rusty Russell made percpu_modfree "take NULL without barfing"), so callers free
/// unconditionally on error paths.
/// </summary>
/// <remarks>Exposed by any free of NULL: the allocator property.</remarks>
[Implementation("alloc-free-null-throws",
    Description = "free(NULL) is an error",
    Mirrors = "the seed's contract: free_percpu(NULL) is a no-op (alloc_percpu series, Russell, Dec 2008)")]
public sealed class AllocFreeNullThrows(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    /// <summary>The defect: NULL is refused before the reference's free (ZERO_SIZE_PTR is still a no-op).</summary>
    public override void Free(PerCpuPtr ptr)
    {
        if (ptr.IsNull)
        {
            throw new InvalidFreeException($"free_percpu({ptr}): NULL is not an allocation");
        }
        base.Free(ptr);
    }
}
