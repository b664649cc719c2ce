using System.Runtime.ExceptionServices;
using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Backends.Sequential;

/// <summary>
/// The sequential backend: the test drives the machine one step at a time, fully deterministically.
/// <see cref="Start"/> runs an operation on a CPU until it returns or blocks (a lock or spin-wait
/// another CPU must release); raised IPIs and queued work stay pending until the test delivers them
/// with <see cref="DeliverIpi"/> and <see cref="RunWork"/>. After every step, CPUs whose wait may have
/// ended resume (lowest first) until they finish or block again. Nothing is ever preempted.
/// </summary>
/// <remarks>
/// Only one context ever runs at a time; each has its own thread only so that a blocked operation
/// (a caller spinning in csd_wait until the target takes its IPI) can stay suspended while the test
/// goes on. An exception thrown by an operation or handler is rethrown from the step that ran it.
/// </remarks>
public sealed class SequentialPlatform : CooperativePlatform, IMachineDriver
{
    /// <summary>Scheduling points a machine may take before it fails as a livelock.</summary>
    public const long DefaultStepBound = 10_000_000;

    private readonly OperationHandle?[] handles;

    public SequentialPlatform(int cpuCount, int workerCount = 1, long stepBound = DefaultStepBound)
        : base(cpuCount, workerCount, stepBound)
    {
        handles = new OperationHandle?[cpuCount];
    }

    public override string Backend => "sequential";

    Platform IMachineDriver.Platform => this;

    /// <summary>Runs <paramref name="action"/> on <paramref name="cpu"/> until it returns or blocks.</summary>
    public OperationHandle Start(int cpu, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        CheckCpu(cpu);
        if (IsBusy(cpu))
        {
            throw new InvalidOperationException($"CPU{cpu} is still busy with an operation that {handles[cpu]}");
        }
        var handle = new OperationHandle(this, cpu);
        handles[cpu] = handle;
        AssignProgram(cpu, action);
        Step(new Choice(ChoiceKind.Continue, cpu));
        return handle;
    }

    /// <summary>Runs <paramref name="action"/> on <paramref name="cpu"/>; it must complete without blocking.</summary>
    public void On(int cpu, Action action)
    {
        var handle = Start(cpu, action);
        if (!handle.IsCompleted)
        {
            throw new InvalidOperationException($"the operation on CPU{cpu} blocked: it waits for {handle.WaitingFor}");
        }
    }

    /// <summary>Runs <paramref name="func"/> on <paramref name="cpu"/>; it must complete without blocking.</summary>
    public T On<T>(int cpu, Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        T result = default!;
        On(cpu, () => { result = func(); });
        return result;
    }

    /// <summary>Whether the CPU has an operation that has not returned.</summary>
    public bool IsBusy(int cpu)
    {
        CheckCpu(cpu);
        return handles[cpu] is { IsCompleted: false };
    }

    /// <summary>What a context is blocked on, or null.</summary>
    public string? WaitingFor(int context) => WaitingForOf(context)?.ToString();

    /// <summary>
    /// Runs the pending IPI handlers on <paramref name="cpu"/>. False when none is pending or the CPU
    /// cannot take an interrupt now (interrupts disabled, or already in a handler).
    /// </summary>
    public bool DeliverIpi(int cpu)
    {
        CheckCpu(cpu);
        var deliver = new Choice(ChoiceKind.Deliver, cpu);
        if (!DriverChoices().Contains(deliver))
        {
            return false;
        }
        Step(deliver);
        return true;
    }

    /// <summary>Runs the oldest queued work item on an idle worker. False when none is queued or no worker is idle.</summary>
    public bool RunWork()
    {
        var start = DriverChoices().FirstOrDefault(c => c.Kind == ChoiceKind.StartWork);
        if (start.Kind != ChoiceKind.StartWork)
        {
            return false;
        }
        Step(start);
        return true;
    }

    /// <summary>
    /// Delivers pending IPIs (lowest CPU first) and runs queued work until nothing is pending. A machine
    /// left with blocked operations it cannot finish throws a <see cref="DeadlockException"/>.
    /// </summary>
    public void Drain()
    {
        while (true)
        {
            var next = DriverChoices().FirstOrDefault(c => c.Kind != ChoiceKind.Continue, new Choice(ChoiceKind.Continue, -1));
            if (next.Context < 0)
            {
                break;
            }
            Step(next);
        }
        if (!IsQuiescent())
        {
            throw new DeadlockException(DescribeWaits());
        }
    }

    /// <summary>Runs each program on its CPU in CPU order, then drains; disposes the machine.</summary>
    public void Run(IReadOnlyList<Action?> programs)
    {
        BeginRun(programs);
        try
        {
            for (var cpu = 0; cpu < programs.Count; cpu++)
            {
                if (programs[cpu] is { } program)
                {
                    Start(cpu, program);
                }
            }
            Drain();
        }
        finally
        {
            Dispose();
        }
    }

    protected override bool KeepsRunning(int running, PointKind kind) => true;

    /// <summary>A step may disable interrupts and a later step enable them again.</summary>
    protected override bool ProgramsRestoreInterrupts => false;

    protected override int Decide(IReadOnlyList<Choice> choices, int running, PointKind kind, object? target)
    {
        // The running context goes on while it can; otherwise a woken CPU resumes; otherwise the step is over.
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i].Kind == ChoiceKind.Continue)
            {
                return i;
            }
        }
        return -1;
    }

    protected override void OnProgramFinished(int context, Exception? error)
    {
        if (handles[context] is { } handle)
        {
            handle.IsCompleted = true;
            handle.Exception = error;
        }
    }

    private void Step(Choice choice)
    {
        var failure = Resume(choice);
        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    private void CheckCpu(int cpu)
    {
        if ((uint)cpu >= (uint)CpuCount)
        {
            throw new ArgumentOutOfRangeException(nameof(cpu), cpu, $"the machine has CPUs 0 to {CpuCount - 1}");
        }
    }
}
