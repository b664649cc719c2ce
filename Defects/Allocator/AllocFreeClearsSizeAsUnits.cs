using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose free clears as many units as the allocation had bytes. The changed line:
/// <c>clear_map(index, allocation.Units)</c> became <c>clear_map(index, allocation.Size)</c>: cpu_free
/// took a size from its caller, and the size is what sits next to the index (clamped to the map, as
/// the bit helpers are). A 1-byte allocation is right; a 16-byte free also frees the 12 units after it,
/// which the next allocation is given while they are live.
/// </summary>
[Implementation("alloc-free-clears-size-as-units",
    Description = "free clears size units instead of the allocation's units: the neighbours' units are handed out again")]
public sealed class AllocFreeClearsSizeAsUnits(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
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
        var flags = MapLock.LockIrqSave();
        try
        {
            var allocation = CpuFreeCheck(ptr);
            var index = allocation.Offset / UnitSize;
            ClearMap(index, Math.Min(allocation.Size, NrUnits - index));
            CpuBytes.Add(-(long)allocation.Units * UnitSize);
            FirstFreeAfterFree(index);
            Area.MarkFreed(allocation.Offset, allocation.Size, allocation.Tag);
            LiveTable.Remove(allocation.Offset);
        }
        finally
        {
            MapLock.UnlockIrqRestore(flags);
        }
    }
}
