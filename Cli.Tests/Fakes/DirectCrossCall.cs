using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Cli.Tests.Fakes;

/// <summary>
/// A cross-call that runs <c>func</c> on the caller for each target instead of sending IPIs: it has
/// the contract's shape and constructor, which is all the loader tests need of it.
/// </summary>
public sealed class DirectCrossCall(Platform platform) : ICrossCall
{
    private const int Enxio = -6;

    public int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        if (!platform.OnlineMask.Contains(cpu))
        {
            return Enxio;
        }
        func(info);
        return 0;
    }

    public void CallMany(CpuMask mask, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        foreach (var cpu in mask.And(platform.OnlineMask).Without(platform.ThisCpu).Cpus())
        {
            func(info);
        }
    }

    public int Call(SmpCallFunc func, object? info, bool wait)
    {
        CallMany(platform.OnlineMask, func, info, wait);
        return 0;
    }
}
