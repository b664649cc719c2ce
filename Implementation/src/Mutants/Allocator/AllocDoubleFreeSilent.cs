using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// cpu_alloc whose free checks only that a live allocation starts at the pointer's offset, not that it
/// is the pointer's own (the seed's WARN_ON tests the map bits): a stale pointer freed again after its
/// units were re-used silently frees the new owner's units, and a later allocation overlaps a live one.
/// </summary>
/// <remarks>
/// Exposed by a double free of units that were allocated again: the allocator property (the contract
/// wants an <see cref="InvalidFreeException"/> and nothing changed).
/// </remarks>
[Implementation("alloc-double-free-silent",
    Description = "freeing a pointer that is not live clears the bits of whoever holds its units now, silently",
    Mirrors = "cpu_free's WARN_ON(!test_bit(index, cpu_alloc_map) ...) (cpu_alloc, Lameter, Sep 2008)")]
public sealed class AllocDoubleFreeSilent(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    /// <summary>The reference's sanity checks without the owner (tag) comparison.</summary>
    protected override LiveAllocation CpuFreeCheck(PerCpuPtr ptr)
    {
        if (ptr.Offset < 0 || ptr.Offset >= NrUnits * UnitSize)
        {
            throw new InvalidFreeException(
                $"free_percpu({ptr}): offset 0x{ptr.Offset:x} is outside this allocator's area (0x{Area.TotalBytes:x} bytes)");
        }
        if (TryGetLive(ptr.Offset, out var allocation))
        {
            // The defect: the units are in use, so the free goes ahead, whoever's they are.
            return allocation;
        }
        var owner = Area.OwnerOf(ptr.Offset);
        throw new InvalidFreeException(owner != 0
            ? $"free_percpu({ptr}): 0x{ptr.Offset:x} is inside live allocation #{owner}, not its start"
            : $"free_percpu({ptr}): nothing is allocated at 0x{ptr.Offset:x} (double free, or never allocated)");
    }
}
