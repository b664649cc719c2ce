using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose free takes the requested size off the CPU_BYTES count. The changed line:
/// <c>__count_vm_events(CPU_BYTES, -units * UNIT_SIZE)</c> became <c>-size</c>. Alloc counted whole
/// units, so a 6-byte allocation adds 8 and its free takes 6: the statistic creeps upwards, and
/// <see cref="Contracts.IPerCpuAllocator.BytesInUse"/> is no longer what is handed out. Sizes that are
/// multiples of 4 hide it.
/// </summary>
[Implementation("alloc-free-uncounts-size",
    Description = "free subtracts the requested size from BytesInUse, alloc added whole units: the count drifts")]
public sealed class AllocFreeUncountsSize(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
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
            ClearMap(index, allocation.Units);
            CpuBytes.Add(-(long)allocation.Size);
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
