using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>A bitmap word-arithmetic defect: set_map and clear_map take as many bits from the run's first word as the run is long, not only up to the word's end, so the part of a run in the next word is neither set nor cleared. Breaks <c>overlap (or null-only-when-full)</c>.</summary>
public sealed class RunIgnoresWordEnd(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override int BitsInWord(int from, int remaining) => Math.Min(BitsPerWord, remaining);
}
