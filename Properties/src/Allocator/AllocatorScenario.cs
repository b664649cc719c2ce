using System.Collections.Immutable;

namespace Conformance.Properties;

/// <summary>A generated allocator case: the machine, the area, and the steps.</summary>
public sealed record AllocatorScenario(int CpuCount, int ReserveBytes, int BigBytes, ImmutableArray<AllocatorOp> Ops)
{
    public override string ToString() =>
        $"{CpuCount} CPU(s), reserve {ReserveBytes} bytes, big region {BigBytes} bytes, {Ops.Length} step(s)";
}
