using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Concurrency.Tests.Scenarios;

/// <summary>A broken cross-call for testing the scenario machinery: CPU0's second single call is dropped.</summary>
public sealed class LosesSecondCall(Platform platform) : ICrossCall
{
    private readonly GenericIpi inner = new(platform);
    private int calls;

    public int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait) =>
        platform.ThisCpu == 0 && ++calls == 2 ? 0 : inner.CallSingle(cpu, func, info, wait);

    public void CallMany(CpuMask mask, SmpCallFunc func, object? info, bool wait) => inner.CallMany(mask, func, info, wait);

    public int Call(SmpCallFunc func, object? info, bool wait) => inner.Call(func, info, wait);
}
