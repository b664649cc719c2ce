using System.Collections.Immutable;
using Conformance.Contracts;

namespace Conformance.Properties;

/// <summary>A generated pool case: the machine, the reserve the pool fills from, the pool's parameters, and the steps.</summary>
public sealed record PoolScenario(int CpuCount, int ReserveBytes, PoolParameters Parameters, ImmutableArray<PoolOp> Ops)
{
    public override string ToString() =>
        $"{CpuCount} CPU(s), reserve {ReserveBytes} bytes, pool size {Parameters.ElementSize} align {Parameters.ElementAlign} low {Parameters.Low} high {Parameters.High}, {Ops.Length} step(s)";
}
