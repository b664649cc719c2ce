using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose call-function handler completes a waiting call on every target. The changed line:
/// <c>if (refs == 0 &amp;&amp; wait)</c> became <c>if (wait)</c>, as in the single handler. With one target
/// left nothing differs; with several the first to finish releases the sender while the others have not
/// run func, and a late target can clear CSD_FLAG_WAIT of the entry's next call.
/// </summary>
[Implementation("ipi-many-complete-any-target",
    Description = "every target of a waiting call_many completes it, not only the last: the sender returns after the first",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiManyCompleteAnyTarget(Platform platform) : GenericIpi(platform)
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

        Invoke(func, info, data.Csd);

        if (wait)
        {
            CsdComplete(data.Csd);
        }
    }
}
