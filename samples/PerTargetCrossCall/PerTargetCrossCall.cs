using Conformance.Contracts;
using Conformance.Smp;

namespace Samples.PerTargetCrossCall;

/// <summary>
/// Generic IPI cross-calls as <c>kernel/smp.c</c> had them from 2013 to 2015: no global call-function
/// queue. Every call becomes one <see cref="CallSingleData"/> per target on that target's single
/// queue, and one interrupt vector runs them all.
/// </summary>
/// <remarks>
/// The kernel commits it follows: Shaohua Li's "smp: make smp_call_function_many() use logic similar
/// to smp_call_function_single()" (2013: <c>cfd-&gt;csd[target]</c>, one csd per target, each
/// csd_lock'ed); Christoph Hellwig's "kernel: use lockless list for smp_call_function_single" (2014:
/// the single queue is an <c>llist</c>, and only the sender that finds it empty raises the IPI); and
/// 8053871d0f7f (2015: the handler copies func and info first, then unlocks an asynchronous csd
/// before calling func and a synchronous one after, so a waiting sender returns after func).
/// The platform is sequentially consistent, so the acquire and release of 8053871d0f7f are plain
/// reads and writes here.
/// </remarks>
public class PerTargetCrossCall : ICrossCall
{
    private const int ENXIO = 6;

    private readonly Platform platform;

    // call_single_queue: per CPU, the head of an llist (null when empty); the newest entry first.
    private readonly PerCpu<Cell<CallSingleData>> callSingleQueue;

    // csd_data: per CPU, the entry of its asynchronous single calls.
    private readonly PerCpu<CallSingleData> csdData;

    // cfd_data: per CPU, cfd->csd[target], the entry of its many-CPU calls to each target.
    private readonly PerCpu<CallSingleData[]> cfdData;

    public PerTargetCrossCall(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        this.platform = platform;
        callSingleQueue = platform.NewPerCpu(cpu => platform.NewCell<CallSingleData>($"call_single_queue[{cpu}]"));
        csdData = platform.NewPerCpu(cpu => new CallSingleData(platform, $"csd_data[{cpu}]"));
        cfdData = platform.NewPerCpu(cpu => Enumerable.Range(0, platform.CpuCount)
            .Select(target => new CallSingleData(platform, $"cfd_data[{cpu}].csd[{target}]")).ToArray());
        // One vector: CALL_FUNCTION_VECTOR only ever flushed the same single queue.
        platform.RegisterIpiHandler(IpiVector.CallFunctionSingle, FlushCallSingleQueue);
    }

    /// <summary><c>smp_call_function_single</c>: a waiting call uses a fresh entry (the kernel's <c>csd_stack</c>), born locked.</summary>
    public int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        var me = platform.ThisCpu;
        if (cpu == me)
        {
            var flags = platform.LocalIrqSave();
            func(info);
            platform.LocalIrqRestore(flags);
            return 0;
        }
        if ((uint)cpu >= (uint)platform.CpuCount || !platform.OnlineMask.Contains(cpu))
        {
            return -ENXIO;
        }
        CallSingleData csd;
        if (wait)
        {
            csd = new CallSingleData(platform, $"csd_stack[{me}]", CallSingleData.FlagLock | CallSingleData.FlagSynchronous);
        }
        else
        {
            // Every asynchronous call from this CPU shares csd_data: wait until the target unlocked the last one.
            csd = csdData[me];
            csd.Lock(synchronous: false);
        }
        csd.Func.Write(func);
        csd.Info.Write(info);
        if (LlistAdd(csd, cpu))
        {
            platform.SendIpi(cpu, IpiVector.CallFunctionSingle);
        }
        if (wait)
        {
            csd.LockWait();
        }
        return 0;
    }

    /// <summary><c>smp_call_function_many</c>: one csd per target, queued on each target, then one IPI per empty queue.</summary>
    public void CallMany(CpuMask mask, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        var me = platform.ThisCpu;
        if (platform.IrqsDisabled)
        {
            // WARN_ON_ONCE(irqs_disabled()): a CPU spinning here could deadlock against one waiting for it.
            throw new PlatformViolationException($"smp_call_function_many() called on CPU{me} with interrupts disabled");
        }
        var targets = mask.And(platform.OnlineMask).Without(me);
        if (targets.IsEmpty)
        {
            return;
        }
        if (targets.Count == 1)
        {
            CallSingle(targets.First, func, info, wait);
            return;
        }
        var cfd = cfdData[me];
        var ipi = CpuMask.Empty;
        foreach (var cpu in targets.Cpus())
        {
            // This CPU's csd for that target is still locked while the target has not run the last call.
            var csd = cfd[cpu];
            csd.Lock(synchronous: wait);
            csd.Func.Write(func);
            csd.Info.Write(info);
            if (LlistAdd(csd, cpu))
            {
                ipi = ipi.With(cpu);
            }
        }
        if (!ipi.IsEmpty)
        {
            platform.SendIpiMask(ipi, IpiVector.CallFunctionSingle);
        }
        if (wait)
        {
            foreach (var cpu in targets.Cpus())
            {
                cfd[cpu].LockWait();
            }
        }
    }

    /// <summary><c>smp_call_function</c>.</summary>
    public int Call(SmpCallFunc func, object? info, bool wait)
    {
        CallMany(platform.OnlineMask, func, info, wait);
        return 0;
    }

    /// <summary>
    /// One entry of the handler (8053871d0f7f): copy func and info while the entry is still locked; an
    /// asynchronous entry is unlocked before func (its sender may re-fill it at once: only the copies
    /// are used), a synchronous one after (its sender returns when it sees the unlock).
    /// </summary>
    protected virtual void CallSingleEntry(CallSingleData csd)
    {
        ArgumentNullException.ThrowIfNull(csd);
        var func = csd.Func.Read() ?? throw new InvalidOperationException($"{csd.Name} was queued with a NULL func");
        var info = csd.Info.Read();
        if ((csd.Flags.Read() & CallSingleData.FlagSynchronous) != 0)
        {
            func(info);
            csd.Unlock();
        }
        else
        {
            csd.Unlock();
            func(info);
        }
    }

    /// <summary><c>llist_add</c>: pushes <paramref name="csd"/> on the target's queue; true when the queue was empty.</summary>
    private bool LlistAdd(CallSingleData csd, int cpu)
    {
        var head = callSingleQueue[cpu];
        CallSingleData? first;
        do
        {
            first = head.Read();
            csd.Next.Write(first);
        }
        while (!ReferenceEquals(head.CompareExchange(csd, first), first));
        return first is null;
    }

    /// <summary>
    /// <c>generic_smp_call_function_single_interrupt</c>: <c>llist_del_all</c> takes the whole queue at
    /// once, <c>llist_reverse_order</c> runs it oldest first. Every link is read before the first entry
    /// is unlocked (<c>llist_for_each_entry_safe</c>): an unlocked entry may be queued again elsewhere.
    /// </summary>
    private void FlushCallSingleQueue()
    {
        var entries = new List<CallSingleData>();
        for (var csd = callSingleQueue[platform.ThisCpu].Exchange(null); csd is not null; csd = csd.Next.Read())
        {
            entries.Add(csd);
        }
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            CallSingleEntry(entries[i]);
        }
    }
}
