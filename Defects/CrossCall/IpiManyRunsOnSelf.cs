using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose call_many forgets to skip the caller when it is the first CPU in the mask. The
/// changed line: <c>if (cpu == this_cpu) cpu = cpumask_next_and(...)</c> is gone (the next line skips the
/// caller as the second CPU, which looks like enough). When the caller is first the later code still
/// clears its bit, except when it is the only CPU left: the fast path then calls it as a single target
/// and func runs on the caller, which call_many must never do.
/// </summary>
[Implementation("ipi-many-runs-on-self",
    Description = "call_many does not skip the caller when it is the first CPU of the mask: a mask of only the caller runs func locally",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiManyRunsOnSelf(Platform platform) : GenericIpi(platform)
{
    public override void CallMany(CpuMask mask, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        var me = Platform.ThisCpu;
        // WARN_ON(irqs_disabled()): "Can deadlock when called with interrupts disabled".
        if (Platform.IrqsDisabled)
        {
            throw new PlatformViolationException(
                $"smp_call_function_many() called on CPU{me} with interrupts disabled: it can deadlock against a CPU waiting for this one");
        }

        // So, what's a CPU they want? Ignoring this one.
        var online = mask.And(Platform.OnlineMask);
        var cpu = online.First;
        // No online cpus? We're done.
        if (cpu < 0)
        {
            return;
        }
        // Do we have another CPU which isn't us?
        var nextCpu = online.Next(cpu);
        if (nextCpu == me)
        {
            nextCpu = online.Next(nextCpu);
        }
        // Fastpath: do that cpu by itself.
        if (nextCpu < 0)
        {
            CallSingle(cpu, func, info, wait);
            return;
        }

        var data = CfdData[me];
        CsdLock(data.Csd);
        if (!CallFunctionPublish(data, mask, func, info, wait))
        {
            return;
        }

        // Make the list addition visible before sending the ipi.
        Platform.Mb();
        ArchSendCallFunctionIpiMask(new CpuMask((ulong)data.Cpumask.Read()));

        if (wait)
        {
            CsdWait(data.Csd);
        }
    }
}
