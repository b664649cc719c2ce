using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.CrossCall.Variants;

/// <summary>Broken (func-context): a call_single to the caller's own CPU runs func without disabling interrupts.</summary>
public sealed class LocalCallIrqsOn(Platform platform) : GenericIpi(platform)
{
    public override int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        if (cpu != Platform.ThisCpu)
        {
            return base.CallSingle(cpu, func, info, wait);
        }
        func(info);
        return 0;
    }
}
