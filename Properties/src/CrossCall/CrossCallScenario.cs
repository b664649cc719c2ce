using System.Collections.Immutable;

namespace Conformance.Properties;

/// <summary>A generated cross-call case: the machine and the steps (a drain follows them).</summary>
public sealed record CrossCallScenario(int CpuCount, ImmutableArray<CrossCallOp> Ops)
{
    public override string ToString() => $"{CpuCount} CPUs, {Ops.Length} step(s), then a drain";
}
