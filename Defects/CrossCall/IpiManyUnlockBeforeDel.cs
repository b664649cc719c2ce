using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose last target csd_unlocks the entry before taking it off the call-function queue.
/// The changed line: <c>csd_unlock(&amp;data-&gt;csd)</c> moved to the top of the <c>!refs</c> block. The owner
/// may re-publish the unlocked entry while it is still queued (a list_add of a listed entry), and the
/// delete that follows takes the new call off the queue: its targets find nothing and the call is lost.
/// </summary>
[Implementation("ipi-many-unlock-before-del",
    Description = "the last target csd_unlocks the entry before deleting it from the queue: a re-publish is deleted",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiManyUnlockBeforeDel(Platform platform) : GenericIpi(platform)
{
    protected override void CallFunctionEntry(CallFunctionData data, int cpu)
    {
        data.Lock.Lock();
        if (!data.Cpumask.TestBit(cpu))
        {
            data.Lock.Unlock();
            return;
        }
        data.Cpumask.ClearBit(cpu);
        var old = data.Refs.Read();
        if (old <= 0)
        {
            data.Lock.Unlock();
            throw new InvalidOperationException(
                $"WARN_ON(data->refs == 0): CPU{cpu} found its bit set in {data.Name} with refs {old}");
        }
        var refs = old - 1;
        data.Refs.Write(refs);
        var func = data.Csd.Func.Read();
        var info = data.Csd.Info.Read();
        var wait = (data.Csd.Flags.Read() & CallSingleData.CsdFlagWait) != 0;
        data.Lock.Unlock();

        if (refs == 0)
        {
            CsdUnlock(data.Csd);
            CallFunctionLock.Lock();
            RcuList.DelRcu(data.Csd.List);
            CallFunctionLock.Unlock();
        }

        Invoke(func, info, data.Csd);

        if (refs == 0 && wait)
        {
            CsdComplete(data.Csd);
        }
    }
}
