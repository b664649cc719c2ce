using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose <c>big_percpu_alloc</c> zeroes the size rounded down to whole units. The changed
/// line: <c>zero(ptr, size)</c> became <c>zero(ptr, size &amp; ~(UNIT_SIZE - 1))</c>, written because
/// the big region counts in units. Large users ask for multiples of a unit, so nobody notices; a big
/// allocation of 4n+1..4n+3 bytes keeps the previous owner's last bytes on every CPU.
/// </summary>
[Implementation("alloc-big-zero-rounded-down",
    Description = "big_percpu_alloc zeroes the size rounded down to a unit: the tail of an odd-sized big allocation is not zero")]
public sealed class AllocBigZeroRoundedDown(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    public override PerCpuPtr AllocBig(int size, int align)
    {
        CheckArguments(size, align);
        if (size == 0)
        {
            return PerCpuPtr.ZeroSize;
        }
        var ptr = BigAlloc(size, align);
        if (!ptr.IsNull)
        {
            ZeroEveryCpu(ptr, size & ~(UnitSize - 1));
        }
        return ptr;
    }
}
