namespace Conformance.Smp;

/// <summary>The target of an <see cref="PointKind.IpiRaise"/> point: which CPUs, which vector.</summary>
public sealed record IpiRaise(CpuMask Targets, IpiVector Vector)
{
    public override string ToString() => $"IPI {Vector} -> {Targets}";
}
