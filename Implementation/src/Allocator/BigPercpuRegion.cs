using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Allocator;

/// <summary>
/// <c>big_percpu_alloc</c>: Rusty Russell kept large per-cpu users on a separate allocator so they do
/// not eat the reserve. Here it is a first-fit list of live blocks over the area's big region
/// [<see cref="PerCpuArea.ReserveBytes"/>, <see cref="PerCpuArea.TotalBytes"/>), counted in the same
/// 4-byte units (and the same CPU_BYTES count) as the reserve. Zeroing is the caller's.
/// </summary>
internal sealed class BigPercpuRegion
{
    private readonly PerCpuArea area;
    private readonly Word cpuBytes;
    private readonly Spinlock bigPercpuLock;
    // The live blocks by offset: first fit walks the gaps between them in order.
    private readonly SortedList<int, LiveAllocation> blocks = [];

    public BigPercpuRegion(Platform platform, PerCpuArea area, Word cpuBytes)
    {
        this.area = area;
        this.cpuBytes = cpuBytes;
        bigPercpuLock = platform.NewSpinlock("big_percpu_lock");
    }

    public PerCpuPtr Alloc(int size, int align)
    {
        var units = (int)(((long)size + CpuAlloc.UnitSize - 1) / CpuAlloc.UnitSize);
        var bytes = (long)units * CpuAlloc.UnitSize;
        align = Math.Max(align, CpuAlloc.UnitSize);
        var flags = bigPercpuLock.LockIrqSave();
        try
        {
            var candidate = AlignUp(area.ReserveBytes, align);
            foreach (var block in blocks.Values)
            {
                if (candidate + bytes <= block.Offset)
                {
                    break;
                }
                candidate = Math.Max(candidate, AlignUp(block.End, align));
            }
            if (candidate + bytes > area.TotalBytes)
            {
                return PerCpuPtr.Null;
            }
            var ptr = new PerCpuPtr((int)candidate, area.NewTag());
            area.MarkAllocated(ptr.Offset, size, ptr.Tag);
            blocks.Add(ptr.Offset, new LiveAllocation(ptr.Offset, units, size, ptr.Tag));
            cpuBytes.Add(bytes);
            return ptr;
        }
        finally
        {
            bigPercpuLock.UnlockIrqRestore(flags);
        }
    }

    public void Free(PerCpuPtr ptr)
    {
        var flags = bigPercpuLock.LockIrqSave();
        try
        {
            if (!blocks.TryGetValue(ptr.Offset, out var block))
            {
                var owner = area.OwnerOf(ptr.Offset);
                throw new InvalidFreeException(owner != 0
                    ? $"free_percpu({ptr}): 0x{ptr.Offset:x} is inside live big allocation #{owner}, not its start"
                    : $"free_percpu({ptr}): no big allocation is live at 0x{ptr.Offset:x} (double free, or never allocated)");
            }
            if (block.Tag != ptr.Tag)
            {
                throw new InvalidFreeException(
                    $"free_percpu({ptr}): the live big allocation at 0x{ptr.Offset:x} is #{block.Tag}, not #{ptr.Tag} (a stale pointer freed again after re-use)");
            }
            area.MarkFreed(block.Offset, block.Size, block.Tag);
            blocks.Remove(block.Offset);
            cpuBytes.Add(-(long)block.Units * CpuAlloc.UnitSize);
        }
        finally
        {
            bigPercpuLock.UnlockIrqRestore(flags);
        }
    }

    private static long AlignUp(long value, int align) => (value + align - 1) & ~(long)(align - 1);
}
