using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose free unmarks the shadow after dropping <c>cpu_alloc_map_lock</c>. The changed line:
/// <c>MarkFreed(...)</c> moved below the unlock (its operand hoisted so it compiles), bookkeeping taken
/// out of the critical section. Once the bits are clear another CPU can allocate the same units and
/// mark them before this free unmarks them: the new, legitimate allocation is refused as an overlap
/// (or the later unmark finds another owner), so a good allocation fails with an exception.
/// </summary>
[Implementation("alloc-free-mark-freed-unlocked",
    Description = "free unmarks the shadow outside the map lock: a re-allocation of the same units on another CPU fails")]
public sealed class AllocFreeMarkFreedUnlocked(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
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
        var flags = MapLock.LockIrqSave();
        try
        {
            allocation = CpuFreeCheck(ptr);
            var index = allocation.Offset / UnitSize;
            ClearMap(index, allocation.Units);
            CpuBytes.Add(-(long)allocation.Units * UnitSize);
            FirstFreeAfterFree(index);
            LiveTable.Remove(allocation.Offset);
        }
        finally
        {
            MapLock.UnlockIrqRestore(flags);
        }
        Area.MarkFreed(allocation.Offset, allocation.Size, allocation.Tag);
    }
}
