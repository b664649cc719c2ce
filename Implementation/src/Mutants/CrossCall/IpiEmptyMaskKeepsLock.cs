using System.Numerics;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// generic-ipi without the empty-target guard: when <c>mask &amp; online - me</c> turns out empty at
/// publish time (the caller's mask cleared concurrently, or a target gone offline), the entry is put on
/// the queue with <c>refs</c> 0 and no bit set. No CPU ever takes it, so it is never csd_unlock'ed: the
/// caller's next call_many spins in csd_lock forever (and a waiting caller in csd_wait at once).
/// </summary>
/// <remarks>
/// The early checks in smp_call_function_many found two online targets; the set here is empty when
/// both went offline before the publish step reads the online mask. The <c>call-many-hotplug</c>
/// exploration scenario takes CPU1 and CPU2 down and up while CPU0 calls them.
/// </remarks>
[Implementation("ipi-empty-mask-keeps-lock",
    Description = "an empty effective target set is published with refs 0 and the entry stays locked",
    Mirrors = "723aae25d5cd (2011, \"perma-spin\")",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiEmptyMaskKeepsLock(Platform platform) : GenericIpi(platform)
{
    /// <summary>The reference's publish step without the <c>if (!refs)</c> guard.</summary>
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

        // The defect: no 'if (!refs) { csd_unlock(); return; }', an empty set is published all the same.

        CallFunctionLock.Lock();
        RcuList.AddRcu(data.Csd.List, CallFunctionQueue);
        CallFunctionLock.Unlock();
        data.Lock.UnlockIrqRestore(flags);
        return true;
    }
}
