namespace Conformance.Models;

/// <summary>CPU <paramref name="Cpu"/> ran request <paramref name="Request"/>'s function.</summary>
public readonly record struct CallRun(int Cpu, int Request)
{
    public override string ToString() => $"CPU{Cpu} ran #{Request}";
}
