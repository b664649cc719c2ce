using System.Numerics;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose call_many counts <c>refs</c> before clearing the caller's own bit. The changed
/// line: <c>cpumask_clear_cpu(this_cpu, data-&gt;cpumask)</c> moved below <c>refs = cpumask_weight(...)</c>.
/// Masks that leave the caller out (the usual call_many) are right; <c>smp_call_function</c>, whose mask
/// is every online CPU, counts one target too many: refs never reaches zero, the entry is never unlocked
/// or completed, and the caller's next call (or its wait) spins forever.
/// </summary>
[Implementation("ipi-many-refs-count-self",
    Description = "call_many counts refs before clearing the caller's own bit: a mask with the caller in it never drops to zero",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiManyRefsCountSelf(Platform platform) : GenericIpi(platform)
{
    protected override bool CallFunctionPublish(CallFunctionData data, CpuMask mask, SmpCallFunc func, object? info, bool wait)
    {
        var me = Platform.ThisCpu;
        var flags = data.Lock.LockIrqSave();
        if (wait)
        {
            CsdWaitPrepare(data.Csd);
        }

        data.Csd.Func.Write(func);
        data.Csd.Info.Write(info);
        data.Cpumask.Write((long)mask.And(Platform.OnlineMask).Bits);
        var refs = BitOperations.PopCount((ulong)data.Cpumask.Read());
        data.Cpumask.ClearBit(me);
        data.Refs.Write(refs);

        // Some callers race with other cpus changing the passed mask (723aae25d5cd).
        if (refs == 0)
        {
            data.Lock.UnlockIrqRestore(flags);
            CsdUnlock(data.Csd);
            return false;
        }

        CallFunctionLock.Lock();
        // Place the entry at the _HEAD_ of the list, so that any cpu still observing the entry in
        // generic_smp_call_function_interrupt() will not miss any other list entries (instead it can
        // see some twice).
        RcuList.AddRcu(data.Csd.List, CallFunctionQueue);
        CallFunctionLock.Unlock();
        data.Lock.UnlockIrqRestore(flags);
        return true;
    }
}
