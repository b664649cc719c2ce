using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose alignment test masks with the alignment instead of the alignment minus one. The
/// changed line: <c>start % alignUnits == 0</c> became <c>(start &amp; alignUnits) == 0</c>, the
/// <c>IS_ALIGNED</c> slip of a missing <c>- 1</c>. Unit 0 passes it, so the first aligned allocation of
/// an empty reserve is right; an 8-byte aligned request that meets a free unit 1 is placed at byte 4.
/// </summary>
[Implementation("alloc-align-mask-off-by-one",
    Description = "the alignment test is start & align instead of start & (align - 1): an aligned request can land misaligned")]
public sealed class AllocAlignMaskOffByOne(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override bool FitsAt(int start, int units, int alignUnits) =>
        (start & alignUnits) == 0 && FindNextBit(start + 1) >= (long)start + units;
}
