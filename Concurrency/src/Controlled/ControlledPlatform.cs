using System.Runtime.ExceptionServices;
using Conformance.Backends.Cooperative;
using Conformance.Concurrency.Strategies;
using Conformance.Smp;

namespace Conformance.Concurrency.Controlled;

/// <summary>
/// The controlled backend: one OS thread per CPU and worker, exactly one running at a time, and at
/// every platform operation a strategy picks what happens next (another context runs, or a pending
/// IPI is delivered to a CPU with interrupts enabled). Every decision is recorded in <see cref="Trace"/>.
/// </summary>
public sealed class ControlledPlatform : CooperativePlatform, IMachineDriver
{
    /// <summary>Scheduling points one iteration may take (Coyote's unfair bound).</summary>
    public const long DefaultStepBound = 10_000;

    private readonly ISchedulingStrategy strategy;
    private bool inSetup;

    public ControlledPlatform(int cpuCount, ISchedulingStrategy strategy, int workerCount = 1,
        long stepBound = DefaultStepBound, bool traceValues = false)
        : base(cpuCount, workerCount, stepBound)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        this.strategy = strategy;
        TraceAccesses = traceValues;
    }

    public override string Backend => "controlled";

    Platform IMachineDriver.Platform => this;

    /// <summary>The decisions of this run so far.</summary>
    public ScheduleTrace Trace { get; } = new();

    /// <summary>
    /// Runs the programs under the strategy until every context is idle and nothing is pending.
    /// Rethrows the first failure; a machine that cannot progress throws a <see cref="DeadlockException"/>;
    /// one that exceeds the step bound, a <see cref="StepBoundExceededException"/>. The machine is
    /// disposed afterwards, whatever happened.
    /// </summary>
    public void Run(IReadOnlyList<Action?> programs)
    {
        BeginRun(programs);
        try
        {
            for (var cpu = 0; cpu < programs.Count; cpu++)
            {
                if (programs[cpu] is { } program)
                {
                    AssignProgram(cpu, program);
                }
            }
            while (DriverChoices() is { Count: > 0 } choices)
            {
                var failure = Resume(choices[Decide(choices, -1, PointKind.Operation, "start")]);
                if (failure is not null)
                {
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }
            }
            if (!IsQuiescent())
            {
                throw new DeadlockException(DescribeWaits());
            }
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="setup"/> alone on CPU0, before <see cref="Run"/>, without consulting the
    /// strategy or recording decisions: the running context goes on, then whatever is pending drains.
    /// </summary>
    public void RunSetup(Action setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (RunBegun)
        {
            throw new InvalidOperationException("setup runs before the programs");
        }
        inSetup = true;
        try
        {
            AssignProgram(0, setup);
            while (DriverChoices() is { Count: > 0 } choices)
            {
                var failure = Resume(choices[Decide(choices, -1, PointKind.Operation, "setup")]);
                if (failure is not null)
                {
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }
            }
        }
        finally
        {
            inSetup = false;
        }
    }

    protected override int Decide(IReadOnlyList<Choice> choices, int running, PointKind kind, object? target)
    {
        if (inSetup)
        {
            var keep = KeepIndex(choices, running);
            return keep >= 0 ? keep : 0;
        }
        // A barrier orders nothing on a sequentially consistent machine: switching there is the same as
        // switching at the next point, so the strategy is not asked (the decision is still recorded).
        var forced = choices.Count == 1 || (kind == PointKind.Barrier && KeepIndex(choices, running) >= 0);
        var pick = forced && strategy is not ReplayStrategy
            ? Math.Max(0, KeepIndex(choices, running))
            : strategy.Next(choices, running, kind);
        if ((uint)pick >= (uint)choices.Count)
        {
            throw new InvalidOperationException($"strategy {strategy.Name} picked {pick} of {choices.Count} choices");
        }
        if (TraceAccesses)
        {
            RecordEvents(choices[pick], running, kind, target);
        }
        Trace.Add(new TraceStep(running, kind, choices[pick], choices.Count)
        {
            Index = pick,
            KeepIndex = KeepIndex(choices, running),
            Contested = !forced || strategy is ReplayStrategy,
        });
        return pick;
    }

    protected override void OnAccessed(ISharedLocation location, PointKind kind, object? value)
    {
        var verb = kind switch
        {
            PointKind.Read => "read",
            PointKind.Write => "write",
            _ => "rmw",
        };
        Trace.Events.Add(new TraceEvent(Trace.Count, CurrentContext, TraceEventKind.Access, $"{verb} {location.Name} = {Format(value)}"));
    }

    protected override void OnAnnotated(int context, string text) =>
        Trace.Events.Add(new TraceEvent(Trace.Count, context, TraceEventKind.Operation, text));

    private void RecordEvents(Choice chosen, int running, PointKind kind, object? target)
    {
        var step = Trace.Count;
        if (running >= 0)
        {
            var status = StatusOf(running);
            // Word and cell accesses are recorded with their values by OnAccessed.
            var recordedWithValue = kind is PointKind.Read or PointKind.Write or PointKind.Rmw && target is ISharedLocation;
            if (!recordedWithValue && kind != PointKind.Operation && status != ContextStatus.Waiting)
            {
                Trace.Events.Add(new TraceEvent(step, running, TraceEventKind.Access, DescribePoint(kind, target)));
            }
            if (chosen != new Choice(ChoiceKind.Continue, running) && chosen != new Choice(ChoiceKind.Deliver, running))
            {
                var reason = status switch
                {
                    ContextStatus.Waiting => $"waits for {WaitingForOf(running)}",
                    ContextStatus.Idle => "idle",
                    _ => "preempted",
                };
                Trace.Events.Add(new TraceEvent(step, running, TraceEventKind.Switch, reason));
            }
        }
        if (chosen.Kind == ChoiceKind.Deliver)
        {
            Trace.Events.Add(new TraceEvent(step, chosen.Context, TraceEventKind.Interrupt, $"interrupt: {string.Join(", ", PendingIpis(chosen.Context))}"));
        }
        else if (chosen.Kind == ChoiceKind.StartWork)
        {
            Trace.Events.Add(new TraceEvent(step, chosen.Context, TraceEventKind.Operation, "starts queued work"));
        }
    }

    /// <summary>A value as a report shows it: a function by its name, NULL for null.</summary>
    private static string Format(object? value) => value switch
    {
        null => "NULL",
        Delegate function => function.Method.Name,
        _ => value.ToString() ?? "",
    };

    private static string DescribePoint(PointKind kind, object? target) => kind switch
    {
        PointKind.Lock => $"lock {target}",
        PointKind.Unlock => $"unlock {target}",
        PointKind.Irq => "local_irq_enable",
        PointKind.IpiRaise => $"send {target}",
        PointKind.Wait => $"spin until {target}",
        PointKind.Work => $"work: {target}",
        PointKind.Barrier => $"{target}",
        PointKind.Hotplug => $"{target}",
        _ => $"{kind.ToString().ToLowerInvariant()} {target}",
    };

    private static int KeepIndex(IReadOnlyList<Choice> choices, int running)
    {
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i].Kind == ChoiceKind.Continue && choices[i].Context == running)
            {
                return i;
            }
        }
        return -1;
    }
}
