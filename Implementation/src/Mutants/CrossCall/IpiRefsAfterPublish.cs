using System.Numerics;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// generic-ipi that makes a call-function entry visible (cpumask set, on the queue) and drops
/// <c>data-&gt;lock</c> before setting <c>refs</c> under it again. A CPU already walking the queue (for
/// another entry's IPI) finds its bit set and decrements <c>refs</c> from the old value: zero, the
/// seed's WARN_ON (an underflow in a kernel without it), and the count is then overwritten, so the
/// entry is never unlocked or is unlocked while targets remain.
/// </summary>
/// <remarks>
/// Exposed when a target walks the queue for one entry while another is being published: the
/// requeue-at-head scenarios (two call_many callers with overlapping masks).
/// </remarks>
[Implementation("ipi-refs-after-publish",
    Description = "the entry is made visible (cpumask set, on the queue) before refs is set under data->lock",
    Mirrors = "e6cd1e07a185, 6dc19899958e (2011)",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiRefsAfterPublish(Platform platform) : GenericIpi(platform)
{
    /// <summary>The reference's publish step with the <c>refs</c> store moved after the entry is on the queue.</summary>
    protected override bool CallFunctionPublish(CallFunctionData data, CpuMask mask, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(data);
        var me = Platform.ThisCpu;
        var flags = data.Lock.LockIrqSave();
        if (wait)
        {
            CsdWaitPrepare(data.Csd);
        }

        data.Csd.Func.Write(func);
        data.Csd.Info.Write(info);
        data.Cpumask.Write((long)mask.And(Platform.OnlineMask).Bits);
        data.Cpumask.ClearBit(me);
        var refs = BitOperations.PopCount((ulong)data.Cpumask.Read());

        if (refs == 0)
        {
            data.Lock.UnlockIrqRestore(flags);
            CsdUnlock(data.Csd);
            return false;
        }

        CallFunctionLock.Lock();
        RcuList.AddRcu(data.Csd.List, CallFunctionQueue);
        CallFunctionLock.Unlock();
        data.Lock.UnlockIrqRestore(flags);

        // The defect: refs is set only now, after walkers could already see the entry.
        flags = data.Lock.LockIrqSave();
        data.Refs.Write(refs);
        data.Lock.UnlockIrqRestore(flags);
        return true;
    }
}
