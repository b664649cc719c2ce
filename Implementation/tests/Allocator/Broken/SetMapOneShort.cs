using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>cpu_alloc whose set_map marks one unit fewer than the allocation holds: its last unit can be handed out again while it is live. Breaks <c>overlap</c>.</summary>
public sealed class SetMapOneShort(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override void SetMap(int start, int length) => base.SetMap(start, length - 1);
}
