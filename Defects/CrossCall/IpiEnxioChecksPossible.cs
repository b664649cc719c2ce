using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose <c>smp_call_function_single</c> refuses only CPUs the machine does not have. The
/// changed line: <c>cpu &gt;= nr_cpu_ids || !cpu_online(cpu)</c> lost its second half, the possible and
/// online masks read as one. A call to an offline CPU is queued there and returns 0 instead of -ENXIO.
/// </summary>
[Implementation("ipi-enxio-checks-possible",
    Description = "call_single checks the target against the possible CPUs, not the online ones: an offline target is queued and 0 returned",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiEnxioChecksPossible(Platform platform) : GenericIpi(platform)
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
        if ((uint)cpu >= (uint)Platform.CpuCount)
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
