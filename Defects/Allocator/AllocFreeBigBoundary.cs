using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose free routes a pointer to the big region only when it lies strictly after the
/// reserve's end. The changed line: <c>offset &gt;= reserve</c> became <c>offset &gt; reserve</c>. The
/// first big allocation starts exactly at the end of the reserve; its free goes to the bitmap's checks,
/// which refuse it as outside the reserve, so a live pointer cannot be freed.
/// </summary>
[Implementation("alloc-free-big-boundary",
    Description = "free sends a pointer to the big region only when offset > reserve: the first big allocation cannot be freed")]
public sealed class AllocFreeBigBoundary(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    public override void Free(PerCpuPtr ptr)
    {
        if (ptr.IsNull || ptr.IsZeroSize)
        {
            return;
        }
        if (ptr.Offset > Area.ReserveBytes && ptr.Offset < Area.TotalBytes)
        {
            BigFree(ptr);
            return;
        }
        var flags = MapLock.LockIrqSave();
        try
        {
            var allocation = CpuFreeCheck(ptr);
            var index = allocation.Offset / UnitSize;
            ClearMap(index, allocation.Units);
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
