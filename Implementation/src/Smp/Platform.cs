using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Conformance.Smp;

/// <summary>
/// The virtual SMP machine every implementation is written against: CPUs, per-cpu storage, shared
/// words and cells, barriers, spinlocks, local interrupts, IPIs, spin-waits and a work queue.
/// Everything one CPU does that another can observe goes through it; the backends decide how the
/// CPUs run (one step at a time, on real threads, or under a scheduling strategy).
/// </summary>
/// <remarks>
/// Contexts are numbered: CPUs first (0 to <see cref="CpuCount"/>-1), then workers. Interrupt state
/// and lock ownership belong to a context; IPIs are delivered to CPUs only. Every CPU starts online;
/// <see cref="CpuDown"/> and <see cref="CpuUp"/> change <see cref="OnlineMask"/> (minimal CPU hotplug:
/// the mask, not the CPU's life; see <see cref="SendIpiMask"/> for what an offline CPU does with IPIs).
/// </remarks>
public abstract class Platform
{
    /// <summary>The largest machine the platform models (one bit per CPU in a <see cref="CpuMask"/>).</summary>
    public const int MaxCpus = 64;

    private const int MaxVectors = 8;

    // Set by a backend with every point (a cooperative one, or any that did not ask otherwise); or
    // while accesses are traced. Above any count of requests a backend could make.
    private const int EveryPoint = 1 << 30;
    private const int Tracing = 1 << 29;

    internal bool traceAccesses;

    // The one field the common path of every shared access reads: 0 when the access is the memory
    // operation alone, with no call to Point, no version counted and nothing traced. Otherwise the
    // EveryPoint and Tracing bits, plus a count of the requests for points a backend made (the
    // threaded backend's IPIs to take, its stop, its chaos). See TakesSlowPath.
    private int slowPath = EveryPoint;

    // The calling thread's binding (BindThread): this platform's serial number in the high half, the
    // context in the low half, 0 when unbound. One primitive thread-static, so the lock and interrupt
    // paths find the caller's context without a virtual call or an object to dereference.
    [ThreadStatic]
    private static long threadBinding;

    private static int lastSerial;

    // Never 0, the unbound value: skipped when the count wraps.
    private readonly int serial = NextSerial();

    private readonly Action?[] ipiHandlers = new Action?[MaxVectors];
    private readonly int[] pendingIpis;
    private readonly bool[] irqsDisabled;
    private readonly int[] irqDepth;
    private readonly object workLock = new();
    private readonly LinkedList<Work> workQueue = new();
    private int runningWork;
    private readonly object hotplugLock = new();
    private readonly OnlineMaskLocation online;

    protected Platform(int cpuCount, int workerCount = 1)
    {
        if (cpuCount is < 1 or > MaxCpus)
        {
            throw new ArgumentOutOfRangeException(nameof(cpuCount), cpuCount, $"a machine has 1 to {MaxCpus} CPUs");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(workerCount);
        CpuCount = cpuCount;
        WorkerCount = workerCount;
        online = new OnlineMaskLocation(CpuMask.All(cpuCount));
        pendingIpis = new int[cpuCount];
        irqsDisabled = new bool[ContextCount];
        irqDepth = new int[ContextCount];
    }

    /// <summary>A short name for reports: sequential, threaded, controlled.</summary>
    public abstract string Backend { get; }

    /// <summary>How many CPUs the machine has (<c>nr_cpu_ids</c>).</summary>
    public int CpuCount { get; }

    /// <summary>How many worker contexts run queued work.</summary>
    public int WorkerCount { get; }

    /// <summary>CPUs plus workers.</summary>
    public int ContextCount => CpuCount + WorkerCount;

    /// <summary>
    /// <c>cpu_online_mask</c>: its value now. Not a scheduling point (a plain read of a mask that changes
    /// only at the <see cref="PointKind.Hotplug"/> points of <see cref="CpuDown"/> and <see cref="CpuUp"/>);
    /// a spin-wait condition that reads it is woken by them.
    /// </summary>
    public CpuMask OnlineMask
    {
        get
        {
            OnPlainRead(online);
            return online.Value;
        }
    }

    /// <summary>The context running the caller: a CPU number, or <see cref="CpuCount"/> + worker number.</summary>
    public abstract int CurrentContext { get; }

    /// <summary>
    /// Makes <see cref="Me"/> answer <paramref name="context"/> on the calling thread, without asking
    /// <see cref="CurrentContext"/>: for a backend whose CurrentContext gives exactly that answer on
    /// this thread until <see cref="UnbindThread"/> (the threaded backend, whose threads are contexts).
    /// </summary>
    private protected void BindThread(int context) => threadBinding = ((long)serial << 32) | (uint)context;

    private protected static void UnbindThread() => threadBinding = 0;

    /// <summary>
    /// <see cref="CurrentContext"/>, read from the thread's binding when the calling thread is bound to
    /// this platform (<see cref="BindThread"/>: the same answer without the virtual call); otherwise
    /// the backend answers, or throws for a thread that is none of its contexts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Me()
    {
        var bound = threadBinding;
        if ((int)(bound >> 32) == serial)
        {
            return (int)bound;
        }
        return CurrentContext;
    }

    /// <summary><c>smp_processor_id()</c>. A work item runs in process context on no particular CPU.</summary>
    public int ThisCpu
    {
        get
        {
            var context = Me();
            if (context >= CpuCount)
            {
                throw new PlatformViolationException(
                    $"smp_processor_id() called from {ContextName(context)}: work items run in process context, not on a CPU");
            }
            return context;
        }
    }

    /// <summary><c>in_interrupt()</c>: the caller is an IPI handler.</summary>
    public bool InInterrupt => irqDepth[Me()] > 0;

    /// <summary>CPU2, worker0: how reports name a context.</summary>
    public string ContextName(int context) =>
        context < CpuCount ? $"CPU{context}" : $"worker{context - CpuCount}";

    // ---- shared memory -------------------------------------------------------------------------

    public Word NewWord(string name, long initial = 0) => new(this, name, initial);

    public Cell<T> NewCell<T>(string name, T? initial = null)
        where T : class => new(this, name, initial);

    public PerCpu<T> NewPerCpu<T>(Func<int, T> create) => new(this, create);

    public Spinlock NewSpinlock(string name) => new(this, name);

    public Work NewWork(string name, Action function) => new(this, name, function);

    // ---- the common path of shared accesses ----------------------------------------------------

    /// <summary>
    /// Whether a shared access must go the slow way: call <see cref="Point"/>, count the location's
    /// version, trace. False only on a backend that takes its points on request
    /// (<see cref="PointsOnRequest"/>) while nothing is requested and nothing is traced: then its
    /// <see cref="Point"/> would do nothing, and versions are read only by backends with every point
    /// (to wake exact waits), so skipping all three changes nothing.
    /// </summary>
    internal bool TakesSlowPath
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref slowPath) != 0;
    }

    /// <summary>A scheduling point: <see cref="Point"/> unless <see cref="TakesSlowPath"/> says it has nothing to do.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PointIfNeeded(PointKind kind, object? target)
    {
        if (TakesSlowPath)
        {
            Point(kind, target);
        }
    }

    /// <summary>
    /// From now on <see cref="Point"/> is called only while a request (<see cref="RequestPoints"/>) is
    /// outstanding or accesses are traced, and versions are counted only then: for a backend whose
    /// Point does nothing until something asks for it (the threaded one), from its constructor.
    /// </summary>
    private protected void PointsOnRequest() => Interlocked.And(ref slowPath, ~EveryPoint);

    /// <summary>Asks for <see cref="Point"/> at every shared access until the matching <see cref="EndPointRequest"/>.</summary>
    private protected void RequestPoints() => Interlocked.Increment(ref slowPath);

    private protected void EndPointRequest() => Interlocked.Decrement(ref slowPath);

    /// <summary>Whether a request for points is outstanding. Not a scheduling point.</summary>
    private protected bool PointsRequested => (Volatile.Read(ref slowPath) & (Tracing - 1)) != 0;

    /// <summary><c>smp_mb()</c>. Recorded; every backend here is sequentially consistent.</summary>
    public void Mb() => PointIfNeeded(PointKind.Barrier, "smp_mb");

    /// <summary><c>smp_wmb()</c>.</summary>
    public void Wmb() => PointIfNeeded(PointKind.Barrier, "smp_wmb");

    /// <summary><c>smp_rmb()</c>.</summary>
    public void Rmb() => PointIfNeeded(PointKind.Barrier, "smp_rmb");

    // ---- local interrupts ----------------------------------------------------------------------

    /// <summary><c>irqs_disabled()</c>.</summary>
    public bool IrqsDisabled => irqsDisabled[Me()];

    /// <summary><c>local_irq_disable()</c>.</summary>
    public void LocalIrqDisable() => irqsDisabled[Me()] = true;

    /// <summary><c>local_irq_enable()</c>: a pending IPI may be taken right here.</summary>
    public void LocalIrqEnable() => EnableIrqs(Me());

    /// <summary><c>local_irq_save()</c>: disables interrupts and returns the previous state.</summary>
    public IrqFlags LocalIrqSave()
    {
        var context = Me();
        var flags = new IrqFlags(irqsDisabled[context]);
        irqsDisabled[context] = true;
        return flags;
    }

    /// <summary><c>local_irq_restore()</c>.</summary>
    public void LocalIrqRestore(IrqFlags flags)
    {
        if (!flags.WereDisabled)
        {
            LocalIrqEnable();
        }
    }

    private void EnableIrqs(int context)
    {
        irqsDisabled[context] = false;
        PointIfNeeded(PointKind.Irq, "local_irq_enable");
    }

    /// <summary>Whether a context has interrupts disabled. Not a scheduling point.</summary>
    protected bool IrqsDisabledOn(int context) => irqsDisabled[context];

    /// <summary>Whether a context is inside an IPI handler. Not a scheduling point.</summary>
    protected bool InInterruptOn(int context) => irqDepth[context] > 0;

    // ---- CPU hotplug ---------------------------------------------------------------------------

    /// <summary>
    /// <c>cpu_down(cpu)</c>: takes <paramref name="cpu"/> out of <see cref="OnlineMask"/>. A scheduling
    /// point (<see cref="PointKind.Hotplug"/>). Only the mask changes: the CPU still takes the IPIs raised
    /// to it (a dying CPU drains the calls queued to it), and a program it runs goes on.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such CPU.</exception>
    /// <exception cref="InvalidOperationException">The CPU is offline already, is the caller's own, or is the last one online.</exception>
    public void CpuDown(int cpu) => SetCpuOnline(cpu, false);

    /// <summary><c>cpu_up(cpu)</c>: puts <paramref name="cpu"/> back into <see cref="OnlineMask"/>. A scheduling point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such CPU.</exception>
    /// <exception cref="InvalidOperationException">The CPU is online already.</exception>
    public void CpuUp(int cpu) => SetCpuOnline(cpu, true);

    private void SetCpuOnline(int cpu, bool up)
    {
        if ((uint)cpu >= (uint)CpuCount)
        {
            throw new ArgumentOutOfRangeException(nameof(cpu), cpu, $"{Hotplug(cpu, up)}: the machine has CPUs 0 to {CpuCount - 1}");
        }
        var me = CurrentContext;
        if (!up && me == cpu)
        {
            // The kernel moves the caller off a CPU before taking it down; here a program stays on its CPU.
            throw new InvalidOperationException($"{Hotplug(cpu, up)} called on CPU{cpu} itself: a CPU is taken down from another context");
        }
        Point(PointKind.Hotplug, new CpuHotplug(cpu, up));
        lock (hotplugLock)
        {
            var mask = online.Value;
            if (mask.Contains(cpu) == up)
            {
                throw new InvalidOperationException($"{Hotplug(cpu, up)}: CPU{cpu} is {(up ? "online" : "offline")} already");
            }
            if (!up && mask.Count == 1)
            {
                throw new InvalidOperationException($"{Hotplug(cpu, up)}: CPU{cpu} is the last online CPU (-EBUSY)");
            }
            online.Value = up ? mask.With(cpu) : mask.Without(cpu);
        }
    }

    private static CpuHotplug Hotplug(int cpu, bool up) => new(cpu, up);

    // ---- IPIs ----------------------------------------------------------------------------------

    /// <summary>Installs the handler run on a CPU when <paramref name="vector"/> is delivered there.</summary>
    public void RegisterIpiHandler(IpiVector vector, Action handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var index = VectorIndex(vector);
        if (ipiHandlers[index] is not null)
        {
            throw new InvalidOperationException($"IPI vector {vector} already has a handler on this platform");
        }
        ipiHandlers[index] = handler;
    }

    /// <summary>
    /// <c>arch_send_call_function_single_ipi</c>: marks <paramref name="vector"/> pending on
    /// <paramref name="cpu"/>. A vector already pending stays one pending interrupt, as on hardware.
    /// </summary>
    public void SendIpi(int cpu, IpiVector vector) => SendIpiMask(CpuMask.Of(cpu), vector);

    /// <summary>
    /// <c>arch_send_call_function_ipi_mask</c>. An empty mask raises nothing (723aae25d5cd: the arch code
    /// must tolerate it). A CPU outside the machine is a violation; an offline one is not: the mask a
    /// caller computed may name a CPU that went down since, and that CPU still takes the IPI, as a dying
    /// CPU runs the calls queued to it before it dies. Otherwise a caller waiting for it would wait
    /// forever; 723aae25d5cd only limits which CPUs a call is guaranteed to reach, not which it may.
    /// </summary>
    public void SendIpiMask(CpuMask mask, IpiVector vector)
    {
        var bit = 1 << VectorIndex(vector);
        var outside = new CpuMask(mask.Bits & ~CpuMask.All(CpuCount).Bits);
        if (!outside.IsEmpty)
        {
            var cpu = outside.First;
            throw new PlatformViolationException($"IPI {vector} sent to CPU{cpu}, which the machine does not have (CPUs 0 to {CpuCount - 1})");
        }
        PointIfNeeded(PointKind.IpiRaise, new IpiRaise(mask, vector));
        foreach (var cpu in mask.Cpus())
        {
            Interlocked.Or(ref pendingIpis[cpu], bit);
            OnIpiRaised(cpu);
        }
    }

    /// <summary>Whether an IPI is pending on <paramref name="cpu"/>. Not a scheduling point.</summary>
    public bool HasPendingIpi(int cpu) => Volatile.Read(ref pendingIpis[cpu]) != 0;

    /// <summary>The pending vectors of a CPU, lowest first. Not a scheduling point.</summary>
    public IEnumerable<IpiVector> PendingIpis(int cpu)
    {
        var bits = Volatile.Read(ref pendingIpis[cpu]);
        for (var v = 0; v < MaxVectors; v++)
        {
            if ((bits & (1 << v)) != 0)
            {
                yield return (IpiVector)v;
            }
        }
    }

    /// <summary>
    /// Runs the handlers of every pending vector on <paramref name="cpu"/>, which must be the calling
    /// context, with interrupts disabled; a vector raised again meanwhile is taken in the same entry.
    /// Backends call it where the CPU may take an interrupt.
    /// </summary>
    protected void DeliverPendingIpis(int cpu)
    {
        var wasDisabled = irqsDisabled[cpu];
        irqsDisabled[cpu] = true;
        irqDepth[cpu]++;
        try
        {
            int bits;
            while ((bits = Interlocked.Exchange(ref pendingIpis[cpu], 0)) != 0)
            {
                for (var v = 0; v < MaxVectors; v++)
                {
                    if ((bits & (1 << v)) != 0)
                    {
                        var handler = ipiHandlers[v]
                            ?? throw new PlatformViolationException($"IPI {(IpiVector)v} delivered to CPU{cpu}, but no handler is registered");
                        handler();
                    }
                }
            }
        }
        finally
        {
            irqDepth[cpu]--;
            irqsDisabled[cpu] = wasDisabled;
        }
    }

    // ---- spin-waits ----------------------------------------------------------------------------

    /// <summary>
    /// <c>while (!condition) cpu_relax();</c>. The condition must read only shared locations of this
    /// platform, so a backend knows which writes can end the wait. With interrupts enabled the waiting
    /// CPU still takes IPIs. <paramref name="waitingFor"/> names what is awaited in reports (its
    /// <c>ToString</c> is called only when a report is made).
    /// </summary>
    public abstract void WaitUntil(Func<bool> condition, object waitingFor);

    // ---- spinlocks -----------------------------------------------------------------------------

    // The irq variants of the lock operations look the context up once for both of their halves: the
    // same steps, in the same order, as local_irq_save() then spin_lock() and so on.

    internal void AcquireSpinlock(Spinlock spinlock) => AcquireSpinlock(spinlock, Me());

    internal IrqFlags AcquireSpinlockIrqSave(Spinlock spinlock)
    {
        var me = Me();
        var flags = new IrqFlags(irqsDisabled[me]);
        irqsDisabled[me] = true;
        AcquireSpinlock(spinlock, me);
        return flags;
    }

    internal void AcquireSpinlockIrq(Spinlock spinlock)
    {
        var me = Me();
        irqsDisabled[me] = true;
        AcquireSpinlock(spinlock, me);
    }

    private void AcquireSpinlock(Spinlock spinlock, int me)
    {
        if (spinlock.Holder == me)
        {
            throw SelfDeadlock(spinlock, me);
        }
        PointIfNeeded(PointKind.Lock, spinlock);
        if (spinlock.Owner.RawCompareExchange(me + 1, 0) == 0)
        {
            return;
        }
        AcquireContendedSpinlock(spinlock, me);
    }

    // The messages are built apart from the lock paths, which stay small enough to inline.
    private PlatformViolationException SelfDeadlock(Spinlock spinlock, int me) =>
        new($"{ContextName(me)} takes spinlock {spinlock.Name}, which it already holds (self-deadlock)");

    private PlatformViolationException NotHolder(Spinlock spinlock, int me, int holder)
    {
        var who = holder < 0 ? "nobody" : ContextName(holder);
        return new($"{ContextName(me)} unlocks spinlock {spinlock.Name}, which is held by {who}");
    }

    // Apart from the uncontended path, which then allocates neither the wait nor the closure.
    private void AcquireContendedSpinlock(Spinlock spinlock, int me)
    {
        var waiting = new LockWait(this, spinlock);
        while (true)
        {
            WaitUntil(() => spinlock.Owner.Read() == 0, waiting);
            PointIfNeeded(PointKind.Lock, spinlock);
            if (spinlock.Owner.RawCompareExchange(me + 1, 0) == 0)
            {
                return;
            }
        }
    }

    internal bool TryAcquireSpinlock(Spinlock spinlock)
    {
        PointIfNeeded(PointKind.Lock, spinlock);
        return spinlock.Owner.RawCompareExchange(Me() + 1, 0) == 0;
    }

    internal void ReleaseSpinlock(Spinlock spinlock) => ReleaseSpinlock(spinlock, Me());

    internal void ReleaseSpinlockIrqRestore(Spinlock spinlock, IrqFlags flags)
    {
        var me = Me();
        ReleaseSpinlock(spinlock, me);
        if (!flags.WereDisabled)
        {
            EnableIrqs(me);
        }
    }

    internal void ReleaseSpinlockIrq(Spinlock spinlock)
    {
        var me = Me();
        ReleaseSpinlock(spinlock, me);
        EnableIrqs(me);
    }

    private void ReleaseSpinlock(Spinlock spinlock, int me)
    {
        var holder = spinlock.Holder;
        if (holder != me)
        {
            throw NotHolder(spinlock, me, holder);
        }
        PointIfNeeded(PointKind.Unlock, spinlock);
        spinlock.Owner.RawWrite(0);
    }

    // ---- work queue ----------------------------------------------------------------------------

    /// <summary>How many work items are queued and not started. Not a scheduling point.</summary>
    public int PendingWorkCount
    {
        get
        {
            lock (workLock)
            {
                return workQueue.Count;
            }
        }
    }

    /// <summary>
    /// How many work items a worker is running now. Not a scheduling point: an oracle reads it where no
    /// other context can move (after <c>cancel_work_sync</c>, nothing of the work may still run).
    /// </summary>
    public int RunningWorkCount => Volatile.Read(ref runningWork);

    internal bool ScheduleWork(Work work)
    {
        PointIfNeeded(PointKind.Work, work);
        lock (workLock)
        {
            if (work.Pending.Peek() != 0)
            {
                return false;
            }
            work.Pending.RawWrite(1);
            workQueue.AddLast(work);
        }
        OnWorkQueued(work);
        return true;
    }

    internal bool CancelWorkSync(Work work)
    {
        if (Me() < CpuCount && InInterrupt)
        {
            throw new PlatformViolationException($"cancel_work_sync({work.Name}) called from an interrupt handler: it may wait");
        }
        PointIfNeeded(PointKind.Work, work);
        bool wasPending;
        lock (workLock)
        {
            wasPending = work.Pending.Peek() != 0;
            if (wasPending)
            {
                workQueue.Remove(work);
                work.Pending.RawWrite(0);
            }
        }
        WaitUntil(() => work.Running.Read() == 0, new WorkWait(work));
        return wasPending;
    }

    /// <summary>Takes the oldest queued work item and marks it running (pending cleared first, as in the kernel).</summary>
    protected bool TryStartWork([NotNullWhen(true)] out Work? work)
    {
        lock (workLock)
        {
            if (workQueue.First is null)
            {
                work = null;
                return false;
            }
            work = workQueue.First.Value;
            workQueue.RemoveFirst();
            work.Pending.RawWrite(0);
            work.Running.RawWrite(1);
            Interlocked.Increment(ref runningWork);
            return true;
        }
    }

    /// <summary>Runs a work item taken by <see cref="TryStartWork"/> on the calling worker context.</summary>
    protected static void RunStartedWork(Work work)
    {
        try
        {
            work.Function();
        }
        finally
        {
            work.Running.RawWrite(0);
            Interlocked.Decrement(ref work.Owner.runningWork);
        }
    }

    /// <summary>
    /// Marks an operation in reports ("call_single(1, #3) begins", "returns 0") on the running context.
    /// Not a scheduling point; free unless the backend is recording a trace.
    /// </summary>
    public void Annotate(string text)
    {
        if (traceAccesses)
        {
            OnAnnotated(Me(), text);
        }
    }

    // ---- backend hooks -------------------------------------------------------------------------

    /// <summary>Called by <see cref="Annotate"/> while <see cref="TraceAccesses"/> is set.</summary>
    protected virtual void OnAnnotated(int context, string text)
    {
    }

    /// <summary>
    /// A scheduling point: called before every operation another CPU could observe.
    /// <paramref name="target"/> is the location, lock, work item or label the operation is on.
    /// </summary>
    protected internal abstract void Point(PointKind kind, object? target);

    /// <summary>Called after each access while <see cref="TraceAccesses"/> is set, with the value read or written.</summary>
    protected internal virtual void OnAccessed(ISharedLocation location, PointKind kind, object? value)
    {
    }

    /// <summary>Whether words and cells report their values through <see cref="OnAccessed"/>.</summary>
    protected bool TraceAccesses
    {
        get => traceAccesses;
        set
        {
            traceAccesses = value;
            if (value)
            {
                Interlocked.Or(ref slowPath, Tracing);
            }
            else
            {
                Interlocked.And(ref slowPath, ~Tracing);
            }
        }
    }

    /// <summary>
    /// Called when platform state other CPUs change (the online mask) is read without a scheduling point,
    /// so a backend that tracks what a spin-wait condition reads can wake the waiter when it changes.
    /// </summary>
    protected internal virtual void OnPlainRead(ISharedLocation location)
    {
    }

    /// <summary>Called after an IPI was marked pending on <paramref name="cpu"/>.</summary>
    protected virtual void OnIpiRaised(int cpu)
    {
    }

    /// <summary>Called after a work item was queued.</summary>
    protected virtual void OnWorkQueued(Work work)
    {
    }

    private static int NextSerial()
    {
        int serial;
        do
        {
            serial = Interlocked.Increment(ref lastSerial);
        }
        while (serial == 0);
        return serial;
    }

    private static int VectorIndex(IpiVector vector)
    {
        var index = (int)vector;
        if (index is < 0 or >= MaxVectors)
        {
            throw new ArgumentOutOfRangeException(nameof(vector), vector, $"IPI vectors are 0 to {MaxVectors - 1}");
        }
        return index;
    }

    /// <summary><c>cpu_online_mask</c> as a location: its version counts the hotplug changes.</summary>
    private sealed class OnlineMaskLocation(CpuMask initial) : ISharedLocation
    {
        private long bits = (long)initial.Bits;
        private long version;

        public string Name => "cpu_online_mask";

        public long Version => Volatile.Read(ref version);

        public CpuMask Value
        {
            get => new((ulong)Volatile.Read(ref bits));
            set
            {
                Volatile.Write(ref bits, (long)value.Bits);
                Interlocked.Increment(ref version);
            }
        }

        public string Describe() => Value.ToString();
    }

    private sealed class LockWait(Platform platform, Spinlock spinlock)
    {
        public override string ToString()
        {
            var holder = spinlock.Holder;
            return holder < 0 ? $"spinlock {spinlock.Name}" : $"spinlock {spinlock.Name} held by {platform.ContextName(holder)}";
        }
    }

    private sealed class WorkWait(Work work)
    {
        public override string ToString() => $"cancel_work_sync({work.Name}) waiting for the running work to finish";
    }
}
