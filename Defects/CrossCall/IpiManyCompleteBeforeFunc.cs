using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose call-function handler completes a waiting call before the last target's own func.
/// The changed line: <c>if (!refs &amp;&amp; wait) csd_complete(&amp;data-&gt;csd)</c> moved above the call,
/// beside the <c>csd_unlock</c> of the same <c>!refs</c> case. Even the seed's reading of the wait
/// (complete after the last taker's func) is broken: the sender returns while no target may have finished.
/// </summary>
[Implementation("ipi-many-complete-before-func",
    Description = "the last target completes a waiting call_many before running its own func",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiManyCompleteBeforeFunc(Platform platform) : GenericIpi(platform)
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
            CallFunctionLock.Lock();
            RcuList.DelRcu(data.Csd.List);
            CallFunctionLock.Unlock();
            CsdUnlock(data.Csd);
        }

        if (refs == 0 && wait)
        {
            CsdComplete(data.Csd);
        }

        Invoke(func, info, data.Csd);
    }
}
