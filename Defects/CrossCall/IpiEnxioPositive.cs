using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose <c>smp_call_function_single</c> returns the error code without its sign. The changed
/// line: <c>return -ENXIO</c> became <c>return ENXIO</c>. Callers that test <c>if (err)</c> still see a
/// failure, so nothing breaks in testing; callers that test <c>err &lt; 0</c> or compare with
/// <c>-ENXIO</c> take the offline CPU for a successful call.
/// </summary>
[Implementation("ipi-enxio-positive",
    Description = "call_single to an offline CPU returns ENXIO (6) instead of -ENXIO (-6)",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiEnxioPositive(Platform platform) : GenericIpi(platform)
{
    public override int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        var me = Platform.ThisCpu;
        // The kernel of the time also WARNs here when interrupts are disabled; the contract names only
        // smp_call_function_many and smp_call_function for that error, so a single call does not check.
        if (cpu == me)
        {
            var flags = Platform.LocalIrqSave();
            func(info);
            Platform.LocalIrqRestore(flags);
            return 0;
        }
        if ((uint)cpu >= (uint)Platform.CpuCount || !Platform.OnlineMask.Contains(cpu))
        {
            return ENXIO;
        }

        CallSingleData data;
        if (!wait)
        {
            // All asynchronous callers on this CPU share csd_data: wait until the target's handler
            // is done with the previous call before re-filling it.
            data = CsdData[me];
            CsdLock(data);
        }
        else
        {
            data = new CallSingleData(Platform, Named("csd_stack", me));
            CsdWaitPrepare(data);
        }
        data.Func.Write(func);
        data.Info.Write(info);
        GenericExecSingle(cpu, data, wait);
        return 0;
    }
}
