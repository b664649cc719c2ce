using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose <c>generic_exec_single</c> picks the sender's queue. The changed line:
/// <c>dst = &amp;per_cpu(call_single_queue, cpu)</c> became the this-CPU accessor. The target is
/// interrupted, finds its queue empty and returns; the entry waits on the sender's queue until someone
/// calls the sender, which then runs it on the wrong CPU (and a waiting sender never returns).
/// </summary>
[Implementation("ipi-single-queue-own-cpu",
    Description = "generic_exec_single queues the entry on the sender's own single queue and interrupts the target",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiSingleQueueOwnCpu(Platform platform) : GenericIpi(platform)
{
    protected override void GenericExecSingle(int cpu, CallSingleData data, bool wait)
    {
        var dst = CallSingleQueues[Platform.ThisCpu];

        var flags = dst.Lock.LockIrqSave();
        var ipi = RcuList.IsEmpty(dst.List);
        RcuList.AddTail(data.List, dst.List);
        dst.Lock.UnlockIrqRestore(flags);

        // Make the list addition visible before sending the ipi.
        Platform.Mb();

        if (ipi)
        {
            Platform.SendIpi(cpu, IpiVector.CallFunctionSingle);
        }

        if (wait)
        {
            CsdWait(data);
        }
    }
}
