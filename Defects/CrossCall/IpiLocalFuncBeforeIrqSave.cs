using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose local path in <c>smp_call_function_single</c> runs func before
/// <c>local_irq_save</c>. The changed line: <c>func(info)</c> moved above the save (the two are adjacent
/// and both "set up the call"). The remote path is untouched; a call to the caller's own CPU runs func
/// with interrupts enabled, where an interrupt can run on top of it.
/// </summary>
[Implementation("ipi-local-func-before-irq-save",
    Description = "a call_single to the caller's own CPU runs func before disabling interrupts",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiLocalFuncBeforeIrqSave(Platform platform) : GenericIpi(platform)
{
    public override int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        var me = Platform.ThisCpu;
        // The kernel of the time also WARNs here when interrupts are disabled; the contract names only
        // smp_call_function_many and smp_call_function for that error, so a single call does not check.
        if (cpu == me)
        {
            func(info);
            var flags = Platform.LocalIrqSave();
            Platform.LocalIrqRestore(flags);
            return 0;
        }
        if ((uint)cpu >= (uint)Platform.CpuCount || !Platform.OnlineMask.Contains(cpu))
        {
            return -ENXIO;
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
