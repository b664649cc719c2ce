using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>A bitmap word-arithmetic defect: find_next_bit and find_next_zero_bit stop one word early, so a scan that starts below the last map word never sees it: its free units are not found and its used units do not stop a run. Breaks <c>null-only-when-full (or overlap)</c>.</summary>
public sealed class ScanStopsBeforeLastWord(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override bool PastLastWord(int index) => base.PastLastWord(index + 1);
}
