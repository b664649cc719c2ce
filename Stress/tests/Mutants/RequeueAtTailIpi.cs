using System.Numerics;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Stress.Tests.Mutants;

/// <summary>
/// Generic IPI whose re-used call-function entry goes back at the TAIL of the queue (the catalogue's
/// ipi-requeue-at-tail, against the seed's design note): a handler standing on the entry when it is
/// deleted and re-added follows it to the end and skips the entries behind it.
/// </summary>
public sealed class RequeueAtTailIpi(Platform platform) : GenericIpi(platform)
{
    /// <summary>The reference's publish step with <c>list_add_tail_rcu</c> in place of <c>list_add_rcu</c>.</summary>
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
        RcuList.AddTailRcu(data.Csd.List, CallFunctionQueue);
        CallFunctionLock.Unlock();
        data.Lock.UnlockIrqRestore(flags);
        return true;
    }
}
