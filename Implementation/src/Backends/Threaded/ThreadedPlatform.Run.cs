using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Conformance.Smp;

namespace Conformance.Backends.Threaded;

public sealed partial class ThreadedPlatform
{
    // How long an idle thread sleeps before it looks again on its own; wake-ups normally come sooner.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(50);

    private readonly ManualResetEventSlim[] cpuWake;
    private readonly SemaphoreSlim workSignal = new(0);
    private readonly ManualResetEventSlim start = new(false);
    // Set whenever the run may have become quiescent or failed: a program returned, a handler or a
    // work item finished, a context failed.
    private readonly ManualResetEventSlim changed = new(false);

    // Guards programsLeft, busy and the context phases, so quiescence is judged on one snapshot.
    private readonly object stateLock = new();
    private int programsLeft;
    private int busy;
    // Per context: a CPU's program (while it runs) or a worker's work item (while it runs).
    private readonly object?[] running;

    private RunState runState;
    private Thread[] threads = [];
    private int threadsStarted;
    private long deadline = long.MaxValue;
    private int finishing;
    private int stopping;
    private ExceptionDispatchInfo? failure;

    private enum RunState
    {
        NotStarted,
        Running,
        Done,
    }

    /// <summary>
    /// Runs <paramref name="programs"/>[i] on CPU i (a missing or null program: the CPU only idles)
    /// on one thread per CPU plus one per worker, and returns when every program returned and no IPI
    /// or work item is pending or running. The first exception of any context is rethrown as it was
    /// thrown, its <see cref="Exception.Data"/> naming the context (<see cref="ContextDataKey"/>).
    /// Past <see cref="ThreadedOptions.TimeLimit"/> it throws <see cref="TimeoutException"/> naming
    /// every context that still waits and on what. No thread of the run is left running when it
    /// returns or throws. Callable once.
    /// </summary>
    public void Run(IReadOnlyList<Action?> programs)
    {
        Start(programs, attachedCpu: -1);
        End(attachedCpu: -1);
    }

    /// <summary>
    /// Starts the run's threads: one per CPU but <paramref name="attachedCpu"/> (the calling thread,
    /// already bound; -1 for none), one per worker. Without an attached CPU the run's time limit starts
    /// now; with one, waits are unbounded until <see cref="End"/> sets the limit.
    /// </summary>
    private void Start(IReadOnlyList<Action?> programs, int attachedCpu)
    {
        ArgumentNullException.ThrowIfNull(programs);
        if (programs.Count > CpuCount)
        {
            throw new ArgumentException($"{programs.Count} programs for a machine of {CpuCount} CPUs", nameof(programs));
        }
        lock (gate)
        {
            if (runState != RunState.NotStarted)
            {
                throw new InvalidOperationException("a threaded platform runs once: make a new one for the next run");
            }
            if (attached != 0)
            {
                throw new InvalidOperationException("a thread is attached to this machine (Attach): dispose its scope before Run");
            }
            runState = RunState.Running;
        }

        // The attached CPU has no program: its code is the caller's, and it never counts as returned.
        programsLeft = attachedCpu < 0 ? CpuCount : CpuCount - 1;
        var created = new List<Thread>(ContextCount);
        for (var cpu = 0; cpu < CpuCount; cpu++)
        {
            if (cpu == attachedCpu)
            {
                continue;
            }
            var id = cpu;
            var program = cpu < programs.Count ? programs[cpu] : null;
            created.Add(NewThread(id, () => CpuMain(id, program)));
        }
        for (var context = CpuCount; context < ContextCount; context++)
        {
            var id = context;
            created.Add(NewThread(id, () => WorkerMain(id)));
        }
        threads = [.. created];

        try
        {
            foreach (var thread in threads)
            {
                thread.Start();
                threadsStarted++;
            }
            if (attachedCpu < 0)
            {
                Volatile.Write(ref deadline, DeadlineAfter(options.TimeLimit));
            }
            start.Set();
        }
        catch
        {
            StopThreads(completed: false);
            lock (gate)
            {
                runState = RunState.Done;
            }
            throw;
        }
    }

    /// <summary>
    /// Waits for quiescence, a failure or the deadline, stops every thread and rethrows the first
    /// failure. With an attached CPU the time limit starts here, and the calling thread, still that
    /// CPU, takes its own IPIs while it waits.
    /// </summary>
    private void End(int attachedCpu)
    {
        var completed = false;
        try
        {
            if (attachedCpu >= 0)
            {
                Volatile.Write(ref deadline, DeadlineAfter(options.TimeLimit));
                if (IrqsDisabledOn(attachedCpu))
                {
                    Fail(attachedCpu, new PlatformViolationException(
                        $"{ContextName(attachedCpu)} ends its attached run with interrupts disabled: it could never take an IPI"));
                }
            }
            completed = AwaitEnd(attachedCpu);
        }
        finally
        {
            StopThreads(completed);
            lock (gate)
            {
                runState = RunState.Done;
            }
        }
        if (Volatile.Read(ref failure) is { } failed)
        {
            if (options.Chaos is { } chaos)
            {
                failed.SourceException.Data[ChaosSeedDataKey] = chaos.Seed;
            }
            failed.Throw();
        }
    }

    /// <summary>
    /// Stops a running machine from any thread, as a harness's watchdog does when the machine stopped
    /// making progress long before its time limit: <see cref="Run"/> then throws a
    /// <see cref="TimeoutException"/> that gives <paramref name="reason"/> and, like the time limit's,
    /// who waits for what. Ignored when the run is not running, is finishing, or already failed.
    /// </summary>
    public void Abort(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (gate)
        {
            if (runState != RunState.Running || Volatile.Read(ref finishing) != 0 || Volatile.Read(ref failure) is not null)
            {
                return;
            }
        }
        Fail(null, new TimeoutException($"{reason}: {WaitReport()}"));
    }

    /// <summary>Threads of the last run still alive (none once <see cref="Run"/> returned or threw, unless a program would not stop).</summary>
    internal int LiveThreadCount => threads.Count(t => t.IsAlive);

    /// <summary>The timestamp <paramref name="limit"/> from now, saturating for limits too long to count.</summary>
    private static long DeadlineAfter(TimeSpan limit)
    {
        var now = Stopwatch.GetTimestamp();
        var ticks = limit.TotalSeconds * Stopwatch.Frequency;
        return ticks >= long.MaxValue - now ? long.MaxValue : now + (long)ticks;
    }

    private Thread NewThread(int context, ThreadStart body) =>
        new(body)
        {
            // Only a last resort: Run joins every thread, and interrupts those that will not stop.
            IsBackground = true,
            Name = $"threaded {ContextName(context)}",
        };

    /// <summary>
    /// Waits for quiescence (true), a failure or the deadline (false); the calling thread takes the
    /// attached CPU's IPIs meanwhile, if there is one (-1: none).
    /// </summary>
    private bool AwaitEnd(int attachedCpu)
    {
        while (true)
        {
            changed.Reset();
            if (Volatile.Read(ref failure) is not null)
            {
                return false;
            }
            if (attachedCpu >= 0 && !TryTakeInterrupts(attachedCpu))
            {
                return false;
            }
            if (IsQuiescent())
            {
                return true;
            }
            var left = Volatile.Read(ref deadline) - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                Fail(null, TimedOut());
                return false;
            }
            changed.Wait(TimeSpan.FromSeconds(Math.Min((double)left / Stopwatch.Frequency, IdlePoll.TotalSeconds)));
        }
    }

    /// <summary>Takes the attached CPU's pending IPIs; false when that failed (the failure is recorded).</summary>
    private bool TryTakeInterrupts(int attachedCpu)
    {
        try
        {
            TakeInterrupts(attachedCpu);
            return true;
        }
        catch (MachineStoppedException)
        {
            return false;
        }
        catch (Exception exception)
        {
            Fail(attachedCpu, exception);
            return false;
        }
    }

    private bool IsQuiescent()
    {
        lock (stateLock)
        {
            if (programsLeft != 0 || busy != 0)
            {
                return false;
            }
            for (var cpu = 0; cpu < CpuCount; cpu++)
            {
                if (HasPendingIpi(cpu))
                {
                    return false;
                }
            }
            return PendingWorkCount == 0;
        }
    }

    private void CpuMain(int cpu, Action? program)
    {
        Binding = new ContextBinding(this, cpu, ChaosFor(cpu));
        try
        {
            start.Wait();
            if (Volatile.Read(ref stopping) != 0)
            {
                return;
            }
            if (program is not null)
            {
                Volatile.Write(ref running[cpu], program);
                program();
                if (IrqsDisabledOn(cpu))
                {
                    throw new PlatformViolationException(
                        $"{ContextName(cpu)}'s program returned with interrupts disabled: its idle loop could never take an IPI");
                }
            }
            lock (stateLock)
            {
                programsLeft--;
                running[cpu] = null;
            }
            changed.Set();
            IdleLoop(cpu);
        }
        catch (MachineStoppedException)
        {
            // The run is stopping; why was recorded before the stop was requested.
        }
        catch (Exception exception)
        {
            Fail(cpu, exception);
        }
        finally
        {
            Binding = null;
        }
    }

    /// <summary>A CPU whose program returned: takes IPIs until the run ends.</summary>
    private void IdleLoop(int cpu)
    {
        var wake = cpuWake[cpu];
        while (Volatile.Read(ref finishing) == 0 && Volatile.Read(ref stopping) == 0)
        {
            wake.Reset();
            if (Volatile.Read(ref ipiHint[cpu]) == 0)
            {
                wake.Wait(IdlePoll);
                continue;
            }
            lock (stateLock)
            {
                busy++;
            }
            try
            {
                TakeInterrupts(cpu);
            }
            finally
            {
                lock (stateLock)
                {
                    busy--;
                }
                changed.Set();
            }
        }
    }

    private void WorkerMain(int context)
    {
        Binding = new ContextBinding(this, context, ChaosFor(context));
        try
        {
            start.Wait();
            while (Volatile.Read(ref finishing) == 0 && Volatile.Read(ref stopping) == 0)
            {
                Work? work = null;
                lock (stateLock)
                {
                    if (TryStartWork(out var started))
                    {
                        work = started;
                        busy++;
                        running[context] = started;
                    }
                }
                if (work is null)
                {
                    workSignal.Wait(IdlePoll);
                    continue;
                }
                try
                {
                    RunStartedWork(work);
                }
                finally
                {
                    lock (stateLock)
                    {
                        busy--;
                        running[context] = null;
                    }
                    changed.Set();
                }
            }
        }
        catch (MachineStoppedException)
        {
            // As in CpuMain.
        }
        catch (Exception exception)
        {
            Fail(context, exception);
        }
        finally
        {
            Binding = null;
        }
    }

    /// <summary>Records the first failure and stops the run.</summary>
    private void Fail(int? context, Exception exception)
    {
        if (context is { } c)
        {
            exception.Data[ContextDataKey] = ContextName(c);
        }
        Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(exception), null);
        RequestStop();
        changed.Set();
    }

    private void RequestStop()
    {
        if (Interlocked.Exchange(ref stopping, 1) == 0)
        {
            RequestPoints();
        }
        WakeAll();
    }

    private void WakeAll()
    {
        foreach (var wake in cpuWake)
        {
            wake.Set();
        }
        if (WorkerCount > 0)
        {
            workSignal.Release(WorkerCount);
        }
    }

    /// <summary>Ends every thread of the run: joined, or interrupted when it will not stop.</summary>
    private void StopThreads(bool completed)
    {
        if (completed)
        {
            Volatile.Write(ref finishing, 1);
            WakeAll();
        }
        else
        {
            RequestStop();
        }
        // Threads not yet past the start gate must see the stop, not wait for a start that never comes.
        start.Set();

        var grace = Stopwatch.StartNew();
        for (var i = 0; i < threadsStarted; i++)
        {
            var left = options.StopGrace - grace.Elapsed;
            threads[i].Join(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
        var stuck = threads.Take(threadsStarted).Where(t => t.IsAlive).ToList();
        foreach (var thread in stuck)
        {
            // Blocked outside the platform (a sleep, a foreign lock): wake it with an exception.
            thread.Interrupt();
            thread.Join(IdlePoll);
        }
        var alive = stuck.Where(t => t.IsAlive).Select(t => t.Name).ToList();
        if (alive.Count == 0)
        {
            return;
        }
        var message = $"{string.Join(", ", alive)} did not stop: a program spins without scheduling points or blocks outside the platform";
        if (Volatile.Read(ref failure) is { } failed)
        {
            failed.SourceException.Data["Conformance.StuckThreads"] = message;
        }
        else
        {
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(new InvalidOperationException(message)), null);
        }
    }
}
