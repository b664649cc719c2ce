using Conformance.Allocator;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Allocator.Broken;

/// <summary>cpu_alloc whose fit test wants one free unit after the run: a hole (or the reserve's tail) that fits a request exactly is passed over, and the request may fail. Breaks <c>null-only-when-full</c>.</summary>
public sealed class ExactFitRefused(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override bool FitsAt(int start, int units, int alignUnits) => base.FitsAt(start, units + 1, alignUnits);
}
