using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose free clears the map bits after dropping <c>cpu_alloc_map_lock</c>. The changed line:
/// <c>clear_map(index, units)</c> moved below the unlock (its operands hoisted so it compiles), to keep
/// the critical section short: "the units are ours until the bits clear". But clearing is a
/// read-modify-write of a whole map word: an allocation on another CPU that sets bits in the same word
/// between the read and the write loses them, and a later allocation is given its live units.
/// </summary>
[Implementation("alloc-free-clear-map-unlocked",
    Description = "free clears the map bits outside the map lock: a concurrent alloc's bits in the same word are lost")]
public sealed class AllocFreeClearMapUnlocked(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    public override void Free(PerCpuPtr ptr)
    {
        if (ptr.IsNull || ptr.IsZeroSize)
        {
            return;
        }
        if (ptr.Offset >= Area.ReserveBytes && ptr.Offset < Area.TotalBytes)
        {
            BigFree(ptr);
            return;
        }
        LiveAllocation allocation;
        int index;
        var flags = MapLock.LockIrqSave();
        try
        {
            allocation = CpuFreeCheck(ptr);
            index = allocation.Offset / UnitSize;
            CpuBytes.Add(-(long)allocation.Units * UnitSize);
            FirstFreeAfterFree(index);
            Area.MarkFreed(allocation.Offset, allocation.Size, allocation.Tag);
            LiveTable.Remove(allocation.Offset);
        }
        finally
        {
            MapLock.UnlockIrqRestore(flags);
        }
        ClearMap(index, allocation.Units);
    }
}
