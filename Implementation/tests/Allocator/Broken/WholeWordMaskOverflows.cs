using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>A bitmap word-arithmetic defect: the mask for a run of 64 bits is (1 &lt;&lt; 64) - 1, which the shift's width makes 0, so a run covering a whole map word sets and clears nothing there. Breaks <c>overlap (or null-only-when-full)</c>.</summary>
public sealed class WholeWordMaskOverflows(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override ulong RunMask(int from, int count) => ((1UL << count) - 1) << from;
}
