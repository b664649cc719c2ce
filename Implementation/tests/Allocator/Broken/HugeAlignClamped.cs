using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>cpu_alloc that clamps an alignment above a page to a page instead of refusing it. Breaks <c>bad-input</c>.</summary>
public sealed class HugeAlignClamped(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override void CheckRequest(int size, int align) => base.CheckRequest(size, Math.Min(align, PageSize));
}
