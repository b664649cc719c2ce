using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// generic-ipi whose call-function handler clears its cpumask bit only after running func, taking
/// <c>data-&gt;lock</c> again for it (the 2008 order). <c>refs</c> is still dropped before func, so once
/// the last target has unlocked the entry its owner may re-fill it: the late clear then lands on the
/// next call's cpumask, and that call is never run on this CPU while its <c>refs</c> never reaches zero
/// (the entry stays locked, the owner's next call spins in csd_lock forever).
/// </summary>
/// <remarks>
/// Exposed by call_many callers re-using their entries back to back (the requeue-at-head scenarios):
/// the ledger sees a lost call, or the waiting sender never returns. One CPU's walk is sequential, so
/// the same call cannot run twice on it; the lost call is what the late clear does.
/// </remarks>
[Implementation("ipi-clear-bit-after-call",
    Description = "the handler runs func, then clears its cpumask bit (data->lock dropped in between): the clear can hit the entry's next call",
    Mirrors = "the 2008 order before the seed (8969a5ede0f9 clears the bit and drops refs before func)",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiClearBitAfterCall(Platform platform) : GenericIpi(platform)
{
    /// <summary>The reference's entry step with <c>cpumask_clear_cpu</c> moved after func.</summary>
    protected override void CallFunctionEntry(CallFunctionData data, int cpu)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Lock.Lock();
        if (!data.Cpumask.TestBit(cpu))
        {
            data.Lock.Unlock();
            return;
        }
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

        // The defect: the bit is cleared only now, when the entry may already carry another call.
        data.Lock.Lock();
        data.Cpumask.ClearBit(cpu);
        data.Lock.Unlock();

        if (refs == 0 && wait)
        {
            CsdComplete(data.Csd);
        }
    }
}
