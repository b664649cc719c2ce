using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose call-function handler drops <c>data-&gt;lock</c> before copying func, info and
/// the wait flag. The changed line: <c>spin_unlock(&amp;data-&gt;lock)</c> moved above the copies, since
/// "the bit and refs are what the lock protects". A target that is not the last reads the entry
/// unlocked: if the last target has meanwhile unlocked the csd and the owner re-filled it, this target
/// runs the next call's func and info (then runs that call again when it finds its bit), and its own call is lost.
/// </summary>
[Implementation("ipi-many-copy-after-data-unlock",
    Description = "the call-function handler drops data->lock before copying func and info: a re-filled entry's call is run",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiManyCopyAfterDataUnlock(Platform platform) : GenericIpi(platform)
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
        data.Lock.Unlock();
        var func = data.Csd.Func.Read();
        var info = data.Csd.Info.Read();
        var wait = (data.Csd.Flags.Read() & CallSingleData.CsdFlagWait) != 0;

        if (refs == 0)
        {
            CallFunctionLock.Lock();
            RcuList.DelRcu(data.Csd.List);
            CallFunctionLock.Unlock();
            CsdUnlock(data.Csd);
        }

        Invoke(func, info, data.Csd);

        if (refs == 0 && wait)
        {
            CsdComplete(data.Csd);
        }
    }
}
