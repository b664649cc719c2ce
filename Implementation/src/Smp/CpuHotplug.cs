namespace Conformance.Smp;

/// <summary>The target of a <see cref="PointKind.Hotplug"/> point: which CPU goes down or comes up.</summary>
public sealed record CpuHotplug(int Cpu, bool Up)
{
    public override string ToString() => $"{(Up ? "cpu_up" : "cpu_down")}(CPU{Cpu})";
}
