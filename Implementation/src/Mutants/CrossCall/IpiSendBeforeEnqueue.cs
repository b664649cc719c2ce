using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// generic-ipi whose call_many raises the IPI before its entry is on the call-function queue. A target
/// that takes the interrupt at once walks the queue, finds nothing for it and returns; the entry then
/// appears with no IPI left to announce it, and the call waits for an interrupt that never comes.
/// </summary>
/// <remarks>
/// Exposed when a target's handler runs between the send and the publish: the requeue-at-head
/// scenarios (the ledger sees a lost call, or a waiting sender never returns).
/// </remarks>
[Implementation("ipi-send-before-enqueue",
    Description = "call_many raises the IPI before the entry is on the queue",
    Mirrors = "561920a0d2bb (ordering of enqueue and send)",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiSendBeforeEnqueue(Platform platform) : GenericIpi(platform)
{
    /// <summary>
    /// The reference's smp_call_function_many with the barrier and the send moved above the publish; the
    /// IPI goes to <c>mask &amp; online - me</c>, the set the publish is about to store.
    /// </summary>
    public override void CallMany(CpuMask mask, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        var me = Platform.ThisCpu;
        if (Platform.IrqsDisabled)
        {
            throw new PlatformViolationException(
                $"smp_call_function_many() called on CPU{me} with interrupts disabled: it can deadlock against a CPU waiting for this one");
        }

        var online = mask.And(Platform.OnlineMask);
        var cpu = online.First;
        if (cpu == me)
        {
            cpu = online.Next(cpu);
        }
        if (cpu < 0)
        {
            return;
        }
        var nextCpu = online.Next(cpu);
        if (nextCpu == me)
        {
            nextCpu = online.Next(nextCpu);
        }
        if (nextCpu < 0)
        {
            CallSingle(cpu, func, info, wait);
            return;
        }

        var data = CfdData[me];
        CsdLock(data.Csd);

        // The defect: the targets are interrupted before there is anything on the queue for them.
        Platform.Mb();
        ArchSendCallFunctionIpiMask(online.Without(me));

        if (!CallFunctionPublish(data, mask, func, info, wait))
        {
            return;
        }

        if (wait)
        {
            CsdWait(data.Csd);
        }
    }
}
