using System.Globalization;
using System.Numerics;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.CrossCall;

/// <summary>
/// Generic IPI cross-calls as Peter Zijlstra's "[PATCH -v4] generic-ipi: remove kmalloc()" (Feb 2009)
/// leaves <c>kernel/smp.c</c>: a per-cpu <c>csd_data</c> for asynchronous single calls (serialised by
/// <c>csd_lock</c>), an on-stack entry for waiting ones, the per-cpu single queue, and a per-cpu
/// <c>cfd_data</c> entry for many-CPU calls on one global queue, re-used entries going back at its head.
/// </summary>
/// <remarks>
/// Every field other CPUs see is a platform word, cell or spinlock, and every spin is a
/// <see cref="Platform.WaitUntil"/>. Each kernel function is a protected virtual method so a variant can
/// change exactly one of them. The constructor registers both interrupt handlers.
/// </remarks>
[Implementation("reference", Description = "generic-ipi -v4 remove kmalloc() (Zijlstra, Feb 2009): per-cpu csd/cfd entries, csd_lock, the single queue, the call-function queue with re-used entries at the head",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public class GenericIpi : ICrossCall
{
    /// <summary><c>-ENXIO</c>: the target CPU is not online.</summary>
    public const int ENXIO = 6;

    public GenericIpi(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Platform = platform;
        CallSingleQueues = platform.NewPerCpu(cpu => new CallSingleQueue(platform, Named("call_single_queue", cpu)));
        CsdData = platform.NewPerCpu(cpu => new CallSingleData(platform, Named("csd_data", cpu)));
        CfdData = platform.NewPerCpu(cpu => new CallFunctionData(platform, Named("cfd_data", cpu)));
        CallFunctionQueue = new ListHead<CallSingleData>(platform, "call_function.queue");
        CallFunctionLock = platform.NewSpinlock("call_function.lock");
        platform.RegisterIpiHandler(IpiVector.CallFunction, () => CallFunctionInterrupt());
        platform.RegisterIpiHandler(IpiVector.CallFunctionSingle, () => CallFunctionSingleInterrupt());
    }

    protected Platform Platform { get; }

    /// <summary><c>call_single_queue</c>: per CPU, the single calls queued for it.</summary>
    protected PerCpu<CallSingleQueue> CallSingleQueues { get; }

    /// <summary><c>csd_data</c>: per CPU, the entry its asynchronous single calls use.</summary>
    protected PerCpu<CallSingleData> CsdData { get; }

    /// <summary><c>cfd_data</c>: per CPU, the entry its many-CPU calls use.</summary>
    protected PerCpu<CallFunctionData> CfdData { get; }

    /// <summary><c>call_function.queue</c>.</summary>
    protected ListHead<CallSingleData> CallFunctionQueue { get; }

    /// <summary><c>call_function.lock</c>: serialises writers of the queue; readers walk it locklessly.</summary>
    protected Spinlock CallFunctionLock { get; }

    /// <summary>
    /// <c>smp_call_function_single(cpu, func, info, wait)</c>. To the caller's own CPU: runs
    /// <paramref name="func"/> here with interrupts disabled. To another online CPU: without wait, through
    /// this CPU's <c>csd_data</c> (csd_lock'ed first); with wait, through a fresh on-stack entry.
    /// Otherwise -ENXIO.
    /// </summary>
    public virtual int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        var me = Platform.ThisCpu;
        // The kernel of the time also WARNs here when interrupts are disabled; the contract names only
        // smp_call_function_many and smp_call_function for that error, so a single call does not check.
        if (cpu == me)
        {
            var flags = Platform.LocalIrqSave();
            func(info);
            Platform.LocalIrqRestore(flags);
            return 0;
        }
        if ((uint)cpu >= (uint)Platform.CpuCount || !Platform.OnlineMask.Contains(cpu))
        {
            return -ENXIO;
        }

        CallSingleData data;
        if (!wait)
        {
            // All asynchronous callers on this CPU share csd_data: wait until the target's handler
            // is done with the previous call before re-filling it.
            data = CsdData[me];
            CsdLock(data);
        }
        else
        {
            data = new CallSingleData(Platform, Named("csd_stack", me));
            CsdWaitPrepare(data);
        }
        data.Func.Write(func);
        data.Info.Write(info);
        GenericExecSingle(cpu, data, wait);
        return 0;
    }

    /// <summary>
    /// <c>smp_call_function_many(mask, func, info, wait)</c>: every online CPU in <paramref name="mask"/>
    /// but the caller. None: nothing. Exactly one: the single-call fast path. Otherwise this CPU's
    /// <c>cfd_data</c>, csd_lock'ed, published at the head of the call-function queue.
    /// </summary>
    public virtual void CallMany(CpuMask mask, SmpCallFunc func, object? info, bool wait)
    {
        ArgumentNullException.ThrowIfNull(func);
        var me = Platform.ThisCpu;
        // WARN_ON(irqs_disabled()): "Can deadlock when called with interrupts disabled".
        if (Platform.IrqsDisabled)
        {
            throw new PlatformViolationException(
                $"smp_call_function_many() called on CPU{me} with interrupts disabled: it can deadlock against a CPU waiting for this one");
        }

        // So, what's a CPU they want? Ignoring this one.
        var online = mask.And(Platform.OnlineMask);
        var cpu = online.First;
        if (cpu == me)
        {
            cpu = online.Next(cpu);
        }
        // No online cpus? We're done.
        if (cpu < 0)
        {
            return;
        }
        // Do we have another CPU which isn't us?
        var nextCpu = online.Next(cpu);
        if (nextCpu == me)
        {
            nextCpu = online.Next(nextCpu);
        }
        // Fastpath: do that cpu by itself.
        if (nextCpu < 0)
        {
            CallSingle(cpu, func, info, wait);
            return;
        }

        var data = CfdData[me];
        CsdLock(data.Csd);
        if (!CallFunctionPublish(data, mask, func, info, wait))
        {
            return;
        }

        // Make the list addition visible before sending the ipi.
        Platform.Mb();
        ArchSendCallFunctionIpiMask(new CpuMask((ulong)data.Cpumask.Read()));

        if (wait)
        {
            CsdWait(data.Csd);
        }
    }

    /// <summary><c>smp_call_function(func, info, wait)</c>: every other online CPU.</summary>
    public virtual int Call(SmpCallFunc func, object? info, bool wait)
    {
        CallMany(Platform.OnlineMask, func, info, wait);
        return 0;
    }

    /// <summary>
    /// <c>generic_exec_single</c>: queues <paramref name="data"/> at the tail of <paramref name="cpu"/>'s
    /// single queue, raises the IPI only when the queue was empty (a non-empty queue has one pending),
    /// then waits for completion if asked.
    /// </summary>
    protected virtual void GenericExecSingle(int cpu, CallSingleData data, bool wait)
    {
        var dst = CallSingleQueues[cpu];

        var flags = dst.Lock.LockIrqSave();
        var ipi = RcuList.IsEmpty(dst.List);
        RcuList.AddTail(data.List, dst.List);
        dst.Lock.UnlockIrqRestore(flags);

        // Make the list addition visible before sending the ipi.
        Platform.Mb();

        if (ipi)
        {
            Platform.SendIpi(cpu, IpiVector.CallFunctionSingle);
        }

        if (wait)
        {
            CsdWait(data);
        }
    }

    /// <summary>
    /// The publish step of smp_call_function_many, under <c>data-&gt;lock</c> (irqsave): the wait flag,
    /// <c>func</c>, <c>info</c>, <c>cpumask = mask &amp; online - me</c>, <c>refs = weight(cpumask)</c>,
    /// then the entry at the HEAD of the queue (<c>list_add_rcu</c>) under <c>call_function.lock</c>, so a
    /// CPU still walking it re-visits entries instead of skipping them. Returns false, with the entry
    /// csd_unlock'ed and nothing published, when the effective target set is empty.
    /// </summary>
    /// <remarks>
    /// The empty-set guard is the kernel's later fix (723aae25d5cd, 2011): the seed has none. The caller's
    /// mask is a value here, but the online mask is read again: when the targets the early checks in
    /// <see cref="CallMany"/> found went offline since (<see cref="Platform.CpuDown"/>), the set is empty
    /// and nothing would ever csd_unlock the entry. It is the seam the <c>ipi-empty-mask-keeps-lock</c>
    /// mutant removes.
    /// </remarks>
    protected virtual bool CallFunctionPublish(CallFunctionData data, CpuMask mask, SmpCallFunc func, object? info, bool wait)
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
        data.Cpumask.ClearBit(me);
        var refs = BitOperations.PopCount((ulong)data.Cpumask.Read());
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

    /// <summary><c>arch_send_call_function_ipi_mask</c>.</summary>
    protected virtual void ArchSendCallFunctionIpiMask(CpuMask mask) => Platform.SendIpiMask(mask, IpiVector.CallFunction);

    /// <summary>
    /// <c>generic_smp_call_function_interrupt</c>: walks the call-function queue without its lock
    /// (<c>list_for_each_entry_rcu</c>; <c>list_del_rcu</c> leaves <c>-&gt;next</c>, so deleting the entry
    /// it stands on is fine) and takes every call still meant for this CPU.
    /// </summary>
    protected virtual void CallFunctionInterrupt()
    {
        var cpu = Platform.ThisCpu;
        foreach (var csd in RcuList.WalkRcu(CallFunctionQueue))
        {
            var data = csd.Cfd
                ?? throw new InvalidOperationException($"{csd.Name} is on call_function.queue but is not a call_function_data's csd");
            CallFunctionEntry(data, cpu);
        }
    }

    /// <summary>
    /// One entry of the call-function walk: under <c>data-&gt;lock</c>, skip it unless this CPU's bit is
    /// set; clear the bit, <c>refs = --data-&gt;refs</c>, copy func, info and the wait flag. The last
    /// target deletes the entry and csd_unlocks it before running func (the copies are what it runs),
    /// and completes it after, if the sender waits.
    /// </summary>
    protected virtual void CallFunctionEntry(CallFunctionData data, int cpu)
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

        if (refs == 0 && wait)
        {
            CsdComplete(data.Csd);
        }
    }

    /// <summary>
    /// <c>generic_smp_call_function_single_interrupt</c>: takes this CPU's whole single queue under its
    /// lock (<c>list_replace_init</c> onto a list on the handler's stack), then runs the entries in order.
    /// </summary>
    protected virtual void CallFunctionSingleInterrupt()
    {
        var cpu = Platform.ThisCpu;
        var q = CallSingleQueues[cpu];
        var list = new ListHead<CallSingleData>(Platform, Named("call_single_interrupt_list", cpu));

        q.Lock.Lock();
        RcuList.ReplaceInit(q.List, list);
        q.Lock.Unlock();

        while (!RcuList.IsEmpty(list))
        {
            var data = RcuList.First(list);
            RcuList.Del(data.List);
            CallSingleEntry(data);
        }
    }

    /// <summary>
    /// One entry of the single handler: copy func and info, read the wait flag, csd_unlock if the entry is
    /// csd_lock'ed (it may be re-filled from here on: only the copies are used), run func, then complete
    /// if the sender waits. The entry can be invalid after the unlock when the flags were 0.
    /// </summary>
    protected virtual void CallSingleEntry(CallSingleData data)
    {
        var func = data.Func.Read();
        var info = data.Info.Read();
        var wait = (data.Flags.Read() & CallSingleData.CsdFlagWait) != 0;

        if ((data.Flags.Read() & CallSingleData.CsdFlagLock) != 0)
        {
            CsdUnlock(data);
        }

        Invoke(func, info, data);

        if (wait)
        {
            CsdComplete(data);
        }
    }

    /// <summary><c>csd_wait_prepare</c>: <c>data-&gt;flags |= CSD_FLAG_WAIT</c>.</summary>
    protected virtual void CsdWaitPrepare(CallSingleData data) =>
        data.Flags.Write(data.Flags.Read() | CallSingleData.CsdFlagWait);

    /// <summary><c>csd_complete</c>: <c>smp_wmb()</c>, then clear CSD_FLAG_WAIT, releasing the waiting sender.</summary>
    protected virtual void CsdComplete(CallSingleData data)
    {
        // Serialize stores to data with the flag clear and wakeup.
        Platform.Wmb();
        data.Flags.Write(data.Flags.Read() & ~CallSingleData.CsdFlagWait);
    }

    /// <summary><c>csd_wait</c>: spin while CSD_FLAG_WAIT is set.</summary>
    protected virtual void CsdWait(CallSingleData data) =>
        Platform.WaitUntil(() => (data.Flags.Read() & CallSingleData.CsdFlagWait) == 0, data.WaitWaiting);

    /// <summary><c>csd_lock</c>: spin while CSD_FLAG_LOCK is set, then <c>flags = CSD_FLAG_LOCK</c>.</summary>
    protected virtual void CsdLock(CallSingleData data)
    {
        Platform.WaitUntil(() => (data.Flags.Read() & CallSingleData.CsdFlagLock) == 0, data.LockWaiting);
        data.Flags.Write(CallSingleData.CsdFlagLock);
    }

    /// <summary>
    /// <c>csd_unlock</c>: <c>smp_wmb()</c>, then clear CSD_FLAG_LOCK; the entry may be re-filled at once.
    /// The seed's <c>WARN_ON(!(data-&gt;flags &amp; CSD_FLAG_LOCK))</c> is an error here.
    /// </summary>
    protected virtual void CsdUnlock(CallSingleData data)
    {
        var flags = data.Flags.Read();
        if ((flags & CallSingleData.CsdFlagLock) == 0)
        {
            throw new InvalidOperationException($"WARN_ON: csd_unlock({data.Name}) of an entry that is not locked (flags {flags})");
        }
        // Serialize stores to data with the flags clear.
        Platform.Wmb();
        data.Flags.Write(data.Flags.Read() & ~CallSingleData.CsdFlagLock);
    }

    /// <summary>Runs a copied <c>func(info)</c>; a NULL func taken from an entry is reported, not a crash of the handler.</summary>
    protected static void Invoke(SmpCallFunc? func, object? info, CallSingleData from)
    {
        if (func is null)
        {
            throw new InvalidOperationException($"{from.Name} was taken with a NULL func");
        }
        func(info);
    }

    /// <summary>A per-cpu object's name in reports: <c>name[cpu]</c>.</summary>
    protected static string Named(string name, int cpu) => string.Create(CultureInfo.InvariantCulture, $"{name}[{cpu}]");
}
