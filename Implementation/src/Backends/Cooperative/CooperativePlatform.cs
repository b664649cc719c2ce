using Conformance.Smp;

namespace Conformance.Backends.Cooperative;

/// <summary>
/// A machine whose contexts (CPUs and workers) each run on their own OS thread, exactly one at a time,
/// handed a baton at every scheduling point. At each point the subclass decides what happens next:
/// the same context goes on, another one runs, a pending IPI is delivered to a CPU (its handler runs
/// on that CPU's thread, nested in whatever the CPU was doing), or an idle worker starts queued work.
/// The sequential backend decides by the test's explicit steps; the controlled backend by a strategy.
/// </summary>
/// <remarks>
/// A context spinning in <see cref="WaitUntil"/> is not runnable until one of the locations its
/// condition read has been written (the online mask counts, changed by cpu_down or cpu_up) or an IPI is
/// delivered to it, so "nothing can run, something waits" is an exact deadlock, and a strategy never
/// wastes steps on a CPU that cannot progress.
/// </remarks>
public abstract class CooperativePlatform : Platform, IDisposable
{
    [ThreadStatic]
    private static ContextState? current;

    private readonly ContextState[] contexts;
    private readonly SemaphoreSlim driverBaton = new(0);
    private readonly List<Choice> choices = [];
    private Exception? fault;
    private bool disposed;
    private bool runBegun;

    protected CooperativePlatform(int cpuCount, int workerCount, long stepBound)
        : base(cpuCount, workerCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepBound, 1);
        StepBound = stepBound;
        contexts = new ContextState[ContextCount];
        for (var i = 0; i < contexts.Length; i++)
        {
            contexts[i] = new ContextState(this, i);
        }
    }

    /// <summary>The most scheduling points a run may take before it fails as a livelock.</summary>
    public long StepBound { get; }

    /// <summary>Scheduling points taken so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Contexts whose threads are still attached to this machine (0 once it is disposed).</summary>
    public int LiveContexts => contexts.Count(c => c.Started && !c.Exited);

    public override int CurrentContext => Current.Id;

    private ContextState Current
    {
        get
        {
            var context = current;
            if (context is null || context.Owner != this)
            {
                throw new PlatformViolationException(
                    "a platform operation was called from a thread that is not a CPU or worker of this machine; run code through the backend");
            }
            return context;
        }
    }

    // ---- decisions (subclass) --------------------------------------------------------------------

    /// <summary>
    /// Picks what happens next: an index into <paramref name="choices"/>, or -1 to hand control back to
    /// the driver. <paramref name="running"/> is the context at the point (-1 when the driver asks).
    /// Called only with a non-empty list, one context at a time.
    /// </summary>
    protected abstract int Decide(IReadOnlyList<Choice> choices, int running, PointKind kind, object? target);

    /// <summary>A fast path: true when the running context simply goes on at this point, with no decision.</summary>
    protected virtual bool KeepsRunning(int running, PointKind kind) => false;

    /// <summary>
    /// Whether a program that returns with interrupts disabled is a violation (it is when programs are
    /// whole CPU streams; a test driving single steps may leave them disabled between steps).
    /// </summary>
    protected virtual bool ProgramsRestoreInterrupts => true;

    /// <summary>Called on the context's thread when its program returns or throws.</summary>
    protected virtual void OnProgramFinished(int context, Exception? error)
    {
    }

    // ---- driver side -----------------------------------------------------------------------------

    /// <summary>Gives CPU <paramref name="cpu"/> a program to start when it is next picked.</summary>
    protected void AssignProgram(int cpu, Action program)
    {
        ArgumentNullException.ThrowIfNull(program);
        ThrowIfDisposed();
        var context = contexts[cpu];
        if (context.Status != ContextStatus.Idle || cpu >= CpuCount)
        {
            throw new InvalidOperationException($"{ContextName(cpu)} is busy ({context.Status}); it cannot start another program");
        }
        context.Program = program;
        context.Status = ContextStatus.Ready;
    }

    /// <summary>
    /// The checks every <c>IMachineDriver.Run</c> makes before it starts: a machine runs its programs
    /// once, and there is at most one program per CPU.
    /// </summary>
    protected void BeginRun(IReadOnlyList<Action?> programs)
    {
        ArgumentNullException.ThrowIfNull(programs);
        if (runBegun)
        {
            throw new InvalidOperationException("a machine runs its programs once");
        }
        ThrowIfDisposed();
        runBegun = true;
        if (programs.Count > CpuCount)
        {
            throw new ArgumentException($"{programs.Count} programs for {CpuCount} CPUs", nameof(programs));
        }
    }

    /// <summary>Whether <see cref="BeginRun"/> was called.</summary>
    protected bool RunBegun => runBegun;

    /// <summary>The status of a context. Driver side, or on the running context.</summary>
    protected ContextStatus StatusOf(int context) => contexts[context].Status;

    /// <summary>What a waiting context waits for, or null.</summary>
    protected object? WaitingForOf(int context) => contexts[context].Status == ContextStatus.Waiting ? contexts[context].WaitingFor : null;

    /// <summary>What may happen next, seen from the driver (no context running).</summary>
    protected IReadOnlyList<Choice> DriverChoices()
    {
        ThrowIfDisposed();
        BuildChoices();
        return choices.ToArray();
    }

    /// <summary>
    /// From the driver: makes <paramref name="choice"/> happen, then waits until the machine hands
    /// control back (a decision of -1, nothing left to choose, or a failure). Returns the failure, if any.
    /// </summary>
    protected Exception? Resume(Choice choice)
    {
        ThrowIfDisposed();
        if (current is not null)
        {
            throw new InvalidOperationException("Resume is called by the driver, not from a context of the machine");
        }
        Transfer(choice);
        driverBaton.Wait();
        var failure = fault;
        fault = null;
        return failure;
    }

    /// <summary>True when every context is idle, no IPI is pending and no work is queued.</summary>
    protected bool IsQuiescent()
    {
        for (var i = 0; i < contexts.Length; i++)
        {
            if (contexts[i].Status != ContextStatus.Idle || (i < CpuCount && HasPendingIpi(i)))
            {
                return false;
            }
        }
        return PendingWorkCount == 0;
    }

    /// <summary>One line per context that cannot finish: what it waits for, or the interrupt it cannot take.</summary>
    protected IReadOnlyList<string> DescribeWaits()
    {
        var lines = new List<string>();
        for (var i = 0; i < contexts.Length; i++)
        {
            var context = contexts[i];
            var irqsOff = IrqsDisabledOn(i) ? " with interrupts disabled" : "";
            switch (context.Status)
            {
                case ContextStatus.Waiting:
                    lines.Add($"{ContextName(i)} waits for {context.WaitingFor}{irqsOff}");
                    break;
                case ContextStatus.Preempted or ContextStatus.Ready:
                    lines.Add($"{ContextName(i)} could run ({context.Status})");
                    break;
                default:
                    break;
            }
            if (i < CpuCount && HasPendingIpi(i) && (IrqsDisabledOn(i) || InInterruptOn(i)))
            {
                lines.Add($"{ContextName(i)} has IPI {string.Join(", ", PendingIpis(i))} pending and cannot take it{irqsOff}");
            }
        }
        if (PendingWorkCount > 0 && lines.Count == 0)
        {
            lines.Add($"{PendingWorkCount} work item(s) queued and no worker to run them");
        }
        return lines;
    }

    /// <summary>
    /// Ends the machine: every context still parked is unwound (<see cref="RunAbortedException"/>)
    /// and its thread goes back to the carrier pool. No thread of this machine runs afterwards.
    /// </summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        if (current is not null)
        {
            throw new InvalidOperationException("a machine is disposed by its driver, not from one of its contexts");
        }
        disposed = true;
        foreach (var context in contexts)
        {
            if (context.Started && !context.Exited)
            {
                context.Abort = true;
                context.Baton.Release();
                context.ExitedSignal.Wait();
            }
        }
        GC.SuppressFinalize(this);
    }

    // ---- the context side --------------------------------------------------------------------------

    protected internal override void Point(PointKind kind, object? target)
    {
        var me = Current;
        if (me.EvaluatingWait)
        {
            // Inside a wait condition: not a point, but remember what the condition depends on.
            if (target is ISharedLocation location)
            {
                me.ReadSet.Add((location, location.Version));
            }
            return;
        }
        if (me.Abort)
        {
            throw new RunAbortedException();
        }
        CountStep(me, kind, target);
        if (KeepsRunning(me.Id, kind))
        {
            return;
        }
        me.Status = ContextStatus.Preempted;
        if (SwitchAway(me, kind, target) == ChoiceKind.Deliver)
        {
            DeliverPendingIpis(me.Id);
        }
    }

    protected internal override void OnPlainRead(ISharedLocation location)
    {
        // The online mask read inside a wait condition: a cpu_down or cpu_up must wake the waiter.
        var me = current;
        if (me is not null && me.Owner == this && me.EvaluatingWait)
        {
            me.ReadSet.Add((location, location.Version));
        }
    }

    public override void WaitUntil(Func<bool> condition, object waitingFor)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var me = Current;
        if (me.EvaluatingWait)
        {
            throw new PlatformViolationException("a wait condition must not wait itself");
        }
        Point(PointKind.Wait, waitingFor);
        while (true)
        {
            me.ReadSet.Clear();
            me.EvaluatingWait = true;
            bool satisfied;
            try
            {
                satisfied = condition();
            }
            finally
            {
                me.EvaluatingWait = false;
            }
            if (satisfied)
            {
                return;
            }
            if (me.ReadSet.Count == 0)
            {
                throw new PlatformViolationException(
                    $"{ContextName(me.Id)} waits for {waitingFor} on a condition that reads no shared location: nothing could ever end the wait");
            }
            me.Status = ContextStatus.Waiting;
            me.WaitingFor = waitingFor;
            var action = SwitchAway(me, PointKind.Wait, waitingFor);
            me.WaitingFor = null;
            if (action == ChoiceKind.Deliver)
            {
                DeliverPendingIpis(me.Id);
            }
            CountStep(me, PointKind.Wait, waitingFor);
        }
    }

    private void CountStep(ContextState me, PointKind kind, object? target)
    {
        if (++Steps > StepBound)
        {
            fault ??= new StepBoundExceededException(StepBound, $"{ContextName(me.Id)}: {kind} {target}");
            me.Status = ContextStatus.Preempted;
            ReturnToDriver(me);
        }
    }

    /// <summary>
    /// The running context stops being the one that runs (its status says whether it can go on):
    /// decide, hand the baton on, and park until this context is picked again. Returns what to do then.
    /// </summary>
    private ChoiceKind SwitchAway(ContextState me, PointKind kind, object? target)
    {
        if (fault is not null)
        {
            return ReturnToDriver(me);
        }
        BuildChoices();
        if (choices.Count == 0)
        {
            return ReturnToDriver(me);
        }
        var pick = Decide(choices, me.Id, kind, target);
        if (pick < 0)
        {
            return ReturnToDriver(me);
        }
        var choice = choices[pick];
        if (choice.Context == me.Id)
        {
            me.Status = ContextStatus.Running;
            return choice.Kind;
        }
        Transfer(choice);
        return Park(me);
    }

    private ChoiceKind ReturnToDriver(ContextState me)
    {
        driverBaton.Release();
        return Park(me);
    }

    private static ChoiceKind Park(ContextState me)
    {
        me.Baton.Wait();
        if (me.Abort)
        {
            if (me.ParkedIdle)
            {
                return me.Action;
            }
            throw new RunAbortedException();
        }
        me.Status = ContextStatus.Running;
        return me.Action;
    }

    private void Transfer(Choice choice)
    {
        var target = contexts[choice.Context];
        target.Action = choice.Kind;
        if (!target.Started)
        {
            target.Started = true;
            Carrier.Run(() => Body(target));
        }
        target.Baton.Release();
    }

    private void BuildChoices()
    {
        choices.Clear();
        var workerOffered = false;
        for (var i = 0; i < contexts.Length; i++)
        {
            var context = contexts[i];
            var status = context.Status;
            if (status is ContextStatus.Preempted or ContextStatus.Ready
                || (status == ContextStatus.Waiting && context.ReadSetChanged()))
            {
                choices.Add(new Choice(ChoiceKind.Continue, i));
            }
            if (i < CpuCount)
            {
                if (status != ContextStatus.Running && HasPendingIpi(i) && !IrqsDisabledOn(i) && !InInterruptOn(i))
                {
                    choices.Add(new Choice(ChoiceKind.Deliver, i));
                }
            }
            else if (status == ContextStatus.Idle && !workerOffered && PendingWorkCount > 0)
            {
                // One idle worker is enough to offer: idle workers are interchangeable.
                workerOffered = true;
                choices.Add(new Choice(ChoiceKind.StartWork, i));
            }
        }
    }

    private void Body(ContextState me)
    {
        current = me;
        try
        {
            me.Baton.Wait();
            while (!me.Abort)
            {
                me.Status = ContextStatus.Running;
                RunAction(me);
                me.Status = me.Program is null ? ContextStatus.Idle : ContextStatus.Ready;
                // Parked between actions, the context has no stack of code under test to unwind: when
                // the machine ends, it leaves without an exception (a run that ends well costs none).
                me.ParkedIdle = true;
                var next = SwitchAway(me, PointKind.Operation, "idle");
                me.ParkedIdle = false;
                me.Action = next;
            }
        }
        catch (RunAbortedException) when (me.Abort)
        {
            // Unwound by Dispose: this context's run is over.
        }
        finally
        {
            current = null;
            me.Exited = true;
            me.ExitedSignal.Release();
        }
    }

    private void RunAction(ContextState me)
    {
        try
        {
            switch (me.Action)
            {
                case ChoiceKind.Continue:
                    var program = me.Program ?? throw new InvalidOperationException($"{ContextName(me.Id)} was picked to run but has no program");
                    me.Program = null;
                    RunProgram(me, program);
                    break;
                case ChoiceKind.Deliver:
                    DeliverPendingIpis(me.Id);
                    break;
                case ChoiceKind.StartWork:
                    if (TryStartWork(out var work))
                    {
                        RunStartedWork(work);
                    }
                    break;
            }
        }
        catch (RunAbortedException) when (me.Abort)
        {
            throw;
        }
        catch (Exception e)
        {
            fault ??= e;
        }
    }

    private void RunProgram(ContextState me, Action program)
    {
        try
        {
            program();
        }
        catch (RunAbortedException) when (me.Abort)
        {
            throw;
        }
        catch (Exception e)
        {
            OnProgramFinished(me.Id, e);
            throw;
        }
        if (ProgramsRestoreInterrupts && IrqsDisabledOn(me.Id))
        {
            var violation = new PlatformViolationException($"the program of {ContextName(me.Id)} returned with interrupts disabled");
            OnProgramFinished(me.Id, violation);
            throw violation;
        }
        OnProgramFinished(me.Id, null);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    private sealed class ContextState(CooperativePlatform owner, int id)
    {
        public CooperativePlatform Owner { get; } = owner;

        public int Id { get; } = id;

        public SemaphoreSlim Baton { get; } = new(0);

        public SemaphoreSlim ExitedSignal { get; } = new(0);

        public List<(ISharedLocation Location, long Version)> ReadSet { get; } = [];

        public ContextStatus Status { get; set; }

        public ChoiceKind Action { get; set; }

        public Action? Program { get; set; }

        public object? WaitingFor { get; set; }

        public bool EvaluatingWait { get; set; }

        public bool Started { get; set; }

        public bool Exited { get; set; }

        public bool ParkedIdle { get; set; }

        public volatile bool Abort;

        public bool ReadSetChanged()
        {
            foreach (var (location, version) in ReadSet)
            {
                if (location.Version != version)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
