using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose <c>generic_exec_single</c> decides whether to raise the IPI before taking the
/// queue's lock. The changed line: <c>ipi = list_empty(&amp;dst-&gt;list)</c> moved above
/// <c>spin_lock_irqsave</c>, a read that "does not need the lock". If the target's handler takes the
/// whole queue between the test (not empty: no IPI) and the add, the entry lands on an empty queue and
/// nobody raises the interrupt: the call is lost until some later call to that CPU.
/// </summary>
[Implementation("ipi-single-empty-test-unlocked",
    Description = "generic_exec_single tests whether the target's queue is empty before taking its lock: a call can be queued with no IPI",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiSingleEmptyTestUnlocked(Platform platform) : GenericIpi(platform)
{
    protected override void GenericExecSingle(int cpu, CallSingleData data, bool wait)
    {
        var dst = CallSingleQueues[cpu];

        var ipi = RcuList.IsEmpty(dst.List);
        var flags = dst.Lock.LockIrqSave();
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
