using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose call_many tests <c>in_interrupt()</c> where <c>irqs_disabled()</c> belongs. The
/// changed line: the WARN_ON's condition, the two read as "atomic context". An IPI handler runs with
/// interrupts disabled, so the handler case is still refused; process context under <c>local_irq_save</c>
/// or an irqsave lock is not, and there the call can deadlock against a CPU waiting for this one.
/// </summary>
[Implementation("ipi-many-warns-in-interrupt-only",
    Description = "call_many refuses only calls from interrupt context, not every call with interrupts disabled",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiManyWarnsInInterruptOnly(Platform platform) : GenericIpi(platform)
{
    public override void CallMany(CpuMask mask, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        var me = Platform.ThisCpu;
        // WARN_ON(irqs_disabled()): "Can deadlock when called with interrupts disabled".
        if (Platform.InInterrupt)
        {
            throw new PlatformViolationException(
                $"smp_call_function_many() called on CPU{me} with interrupts disabled: it can deadlock against a CPU waiting for this one");
        }

        // So, what's a CPU they want? Ignoring this one.
        var online = mask.And(Platform.OnlineMask);
        var cpu = online.First;
        if (cpu == me)
        {
            cpu = online.Next(cpu);
        }
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
