using System.Numerics;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// generic-ipi that puts a re-used call-function entry back at the TAIL of the queue. A handler standing
/// on the entry when its last target deletes it and its owner re-publishes it follows it to the end and
/// skips every entry that was behind it: a call meant for that CPU is never run (its IPI was taken by
/// that very walk), and a sender waiting for it never returns.
/// </summary>
/// <remarks>
/// A new IPI repairs the skip unless the re-published call no longer targets the walker, or the walker
/// took it before its sender read the cpumask to send: the requeue-at-head scenarios (call_many callers
/// alternating between overlapping masks).
/// </remarks>
[Implementation("ipi-requeue-at-tail",
    Description = "a re-used call-function entry is added at the tail: a walker standing on it skips the entries behind it",
    Mirrors = "the seed's design note: re-used entries go at the HEAD (generic-ipi -v4 remove kmalloc, 8969a5ede0f9)",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiRequeueAtTail(Platform platform) : GenericIpi(platform)
{
    /// <summary>The reference's publish step with <c>list_add_tail_rcu</c> where <c>list_add_rcu</c> belongs.</summary>
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
        data.Refs.Write(refs);

        if (refs == 0)
        {
            data.Lock.UnlockIrqRestore(flags);
            CsdUnlock(data.Csd);
            return false;
        }

        CallFunctionLock.Lock();
        // The defect: at the tail, so a CPU still walking from this entry's old place skips what follows.
        RcuList.AddTailRcu(data.Csd.List, CallFunctionQueue);
        CallFunctionLock.Unlock();
        data.Lock.UnlockIrqRestore(flags);
        return true;
    }
}
