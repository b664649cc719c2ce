using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose last target releases <c>call_function.lock</c> with <c>spin_unlock_irq</c>. The
/// changed line: the unlock of the delete, copied from a process-context path. Only the last target of a
/// call_many takes that lock, so most funcs run with interrupts disabled; the last one runs with them
/// enabled, inside the interrupt handler.
/// </summary>
[Implementation("ipi-many-last-taker-unlock-irq",
    Description = "the last target releases call_function.lock with spin_unlock_irq: its func runs with interrupts enabled",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiManyLastTakerUnlockIrq(Platform platform) : GenericIpi(platform)
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
            CallFunctionLock.UnlockIrq();
            CsdUnlock(data.Csd);
        }

        Invoke(func, info, data.Csd);

        if (refs == 0 && wait)
        {
            CsdComplete(data.Csd);
        }
    }
}
