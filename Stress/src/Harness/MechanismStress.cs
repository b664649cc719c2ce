using System.Diagnostics;
using System.Globalization;
using Conformance.Backends.Threaded;
using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Scenarios;
using Conformance.Stress.Checking;

namespace Conformance.Stress.Harness;

/// <summary>
/// One stress run of one implementation: a threaded machine, a stream of operations per CPU drawn from
/// the run's seed, checkpoints between blocks of the streams, the mechanism's oracles and its recorded
/// history. Each CPU runs its stream, then lets go of everything it holds, then passes a last checkpoint.
/// </summary>
internal abstract class MechanismStress
{
    private readonly int[] done;
    private readonly Stopwatch budgetClock = new();

    protected MechanismStress(ImplementationEntry implementation, StressOptions options, bool drainIpis)
    {
        Implementation = implementation;
        Options = options;
        Rules = new RuleBook(options.Rules);
        Platform = new ThreadedPlatform(options.Cpus, workerCount: 1, new ThreadedOptions
        {
            TimeLimit = options.TimeBudget + options.HangGrace,
            Chaos = options.Chaos ? new ChaosOptions(StressSeeds.Chaos(options.Seed), options.ChaosProbability) : null,
        });
        OperationsPerCpu = Math.Max(1, options.Operations / options.Cpus);
        done = new int[options.Cpus];
        Checkpoint = new Checkpoint(Platform, drainIpis, AtCheckpoint, () => budgetClock.Elapsed >= options.TimeBudget);
    }

    public ImplementationEntry Implementation { get; }

    /// <summary>The rule set the oracles judge clauses by, and the deviations they recorded.</summary>
    public RuleBook Rules { get; }

    public StressOptions Options { get; }

    public ThreadedPlatform Platform { get; }

    public int OperationsPerCpu { get; }

    /// <summary>Operations the CPUs performed (their streams and the final releases).</summary>
    public int OperationsDone => done.Sum();

    /// <summary>How many checkpoints every CPU passed.</summary>
    public long CheckpointsPassed => Checkpoint.Completed;

    /// <summary>Whether the time budget ended the streams before their end.</summary>
    public bool StoppedByTime => Checkpoint.Stopped;

    /// <summary>The exploration scenarios of the same mechanism: the deterministic way to chase a failure.</summary>
    public IReadOnlyList<string> Scenarios => ScenarioCatalog.For(Implementation.Mechanism).Select(f => f.Name).ToList();

    protected Checkpoint Checkpoint { get; }

    public static MechanismStress Create(ImplementationEntry implementation, StressOptions options) => implementation.Mechanism switch
    {
        Mechanism.Allocator => new AllocatorStress(implementation, options),
        Mechanism.Pool => new PoolStress(implementation, options),
        _ => new CrossCallStress(implementation, options),
    };

    /// <summary>Runs the streams on the machine; returns at quiescence or throws the run's first failure.</summary>
    public void Run()
    {
        var programs = new Action?[Options.Cpus];
        for (var cpu = 0; cpu < programs.Length; cpu++)
        {
            var me = cpu;
            programs[cpu] = () => RunStream(me);
        }
        budgetClock.Start();
        using var watchdog = new StallWatchdog(Platform, () => Progress, Options.HangGrace);
        Platform.Run(programs);
    }

    /// <summary>A number that moves whenever an operation starts or finishes (the history's clock).</summary>
    protected abstract long Progress { get; }

    /// <summary>The oracles at quiescence, after a run that completed.</summary>
    public abstract void AtQuiescence();

    /// <summary>The linearizability check of the recorded history.</summary>
    public abstract HistoryCheck CheckHistory(CheckLimits limits);

    /// <summary>Puts a failure of the run in the oracle's words where it can (a timeout with a call never run is a lost call).</summary>
    public virtual Exception Explain(Exception failure) => failure;

    /// <summary>What each context had in flight when the run stopped.</summary>
    public abstract IReadOnlyList<string> InFlight();

    /// <summary>Operation <paramref name="index"/> of <paramref name="cpu"/>'s stream.</summary>
    protected abstract void Execute(int cpu, int index);

    /// <summary>Lets go of everything <paramref name="cpu"/> holds.</summary>
    protected abstract void Finish(int cpu);

    /// <summary>The mid-run oracle, on CPU0 while every CPU waits at a checkpoint.</summary>
    protected virtual void AtCheckpoint()
    {
    }

    /// <summary>Counts one operation of <paramref name="cpu"/>.</summary>
    protected void Done(int cpu) => done[cpu]++;

    /// <summary>Checks the recorded history against <paramref name="specification"/> and puts the answer in words.</summary>
    protected static HistoryCheck Check<TOp, TState>(ISequentialSpecification<TOp, TState> specification, HistoryRecorder<TOp> history, CheckLimits limits)
        where TState : IEquatable<TState>
    {
        var entries = history.Entries();
        // A run that stopped with operations in flight is checked up to the first of them: what they
        // did is unknown, and a later operation may depend on it.
        var inFlight = history.EarliestInFlight();
        var result = LinearizabilityChecker.Check(specification, entries, limits, inFlight ?? long.MaxValue);
        var last = entries.OrderByDescending(e => e.Return).Take(12).Reverse().Select(e => e.ToString()).ToList();
        var summary = inFlight is { } cut
            ? string.Create(CultureInfo.InvariantCulture, $"{result.Summary()}; checked up to clock {cut}, where the first operation still in flight was called")
            : result.Summary();
        return new HistoryCheck(result.Verdict, entries.Count, summary, result.Window?.Format(), last);
    }

    private void RunStream(int cpu)
    {
        for (var i = 0; i < OperationsPerCpu; i++)
        {
            if (i > 0 && i % Options.CheckpointEvery == 0 && Checkpoint.Pass(cpu))
            {
                break;
            }
            Execute(cpu, i);
        }
        Finish(cpu);
        Checkpoint.Pass(cpu);
    }
}
