using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>cpu_alloc that honours alignments only up to 16 bytes (four units): a 32-byte aligned request may come back 16-byte aligned. Breaks <c>placement</c>.</summary>
public sealed class AlignCappedAt16(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override bool FitsAt(int start, int units, int alignUnits) => base.FitsAt(start, units, Math.Min(alignUnits, 4));
}
