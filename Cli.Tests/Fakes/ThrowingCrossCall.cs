using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Cli.Tests.Fakes;

/// <summary>A cross-call whose constructor refuses the machine it is given: construction must be reported as bad input.</summary>
public sealed class ThrowingCrossCall : ICrossCall
{
    public ThrowingCrossCall(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        throw new InvalidOperationException($"refuses a machine of {platform.CpuCount} CPUs");
    }

    public int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait) => throw new InvalidOperationException("never constructed");

    public void CallMany(CpuMask mask, SmpCallFunc func, object? info, bool wait) => throw new InvalidOperationException("never constructed");

    public int Call(SmpCallFunc func, object? info, bool wait) => throw new InvalidOperationException("never constructed");
}
