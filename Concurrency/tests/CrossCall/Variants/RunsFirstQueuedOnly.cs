using Conformance.Smp;

namespace Conformance.CrossCall.Variants;

/// <summary>Broken (lost-call): the single handler runs the first entry it took off its queue and drops the rest.</summary>
public sealed class RunsFirstQueuedOnly(Platform platform) : GenericIpi(platform)
{
    protected override void CallFunctionSingleInterrupt()
    {
        var q = CallSingleQueues[Platform.ThisCpu];
        var list = new ListHead<CallSingleData>(Platform, "call_single_interrupt_list");
        q.Lock.Lock();
        RcuList.ReplaceInit(q.List, list);
        q.Lock.Unlock();
        // The defect: if where the handler needs while.
        if (!RcuList.IsEmpty(list))
        {
            var data = RcuList.First(list);
            RcuList.Del(data.List);
            CallSingleEntry(data);
        }
    }
}
