using System.Collections.Concurrent;
using System.Diagnostics;
using Conformance.Concurrency.Strategies;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// One exploration of a scenario that can be advanced a slice at a time, so several scenarios can take
/// turns (round-robin) and each gets its early schedules soon. Its iterations, batches and verdicts are
/// those of <see cref="Explorer.Explore"/> with the same options, however it is sliced, as long as
/// slices are whole batches. It stops at its first failure: the lowest failing iteration.
/// </summary>
public sealed class ExplorationRun
{
    /// <summary>Iterations run at once between two looks at the budget and the failures.</summary>
    public const int BatchSize = 64;

    private readonly Scenario scenario;
    private readonly ExplorationOptions options;
    private readonly ISchedulingStrategy probe;
    private readonly long shardIterations;
    private readonly ConcurrentBag<ISchedulingStrategy> lanes = [];
    private readonly Stopwatch active = new();
    private readonly Dictionary<string, IterationOutcome> deviations = [];
    private long steps;
    private int contested;

    public ExplorationRun(Scenario scenario, ExplorationOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Iterations);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        this.scenario = scenario;
        this.options = options;
        probe = StrategyCatalog.Create(options.Strategy);
        shardIterations = (options.Iterations - options.Shard.Index + options.Shard.Count - 1) / options.Shard.Count;
    }

    public Scenario Scenario => scenario;

    public ExplorationOptions Options => options;

    /// <summary>Iterations run so far; after a failure, up to and including the failing one.</summary>
    public long Iterations { get; private set; }

    /// <summary>An exhaustive strategy finished its search space.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>The first failing iteration, as the strategy found it.</summary>
    public IterationOutcome? Found { get; private set; }

    /// <summary>
    /// Per clause the seed reads more weakly than the kernel, the first iteration (the lowest) whose
    /// oracles recorded a deviation from the kernel's reading; empty unless the scenario runs at the
    /// seed's rules.
    /// </summary>
    public IReadOnlyDictionary<string, IterationOutcome> Deviations => deviations;

    /// <summary>The strategy family that found it (the portfolio's member is in the outcome).</summary>
    public string Family => probe.Name;

    /// <summary>No iteration left: all ran, the search space is exhausted, or one failed.</summary>
    public bool Finished => Found is not null || Exhausted || Iterations >= shardIterations;

    /// <summary>Wall time spent in <see cref="Advance"/>: running schedules, up to the detection of the failure.</summary>
    public TimeSpan Spent => active.Elapsed;

    /// <summary>Runs at most <paramref name="count"/> more iterations (one batch when they run in parallel); true when one failed.</summary>
    public bool Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (Finished)
        {
            return Found is not null;
        }
        active.Start();
        try
        {
            if (probe.IsSequential)
            {
                AdvanceSequentially(count);
            }
            else
            {
                AdvanceBatch((int)Math.Min(count, shardIterations - Iterations));
            }
        }
        finally
        {
            active.Stop();
        }
        return Found is not null;
    }

    /// <summary>
    /// The result: with the failure minimised (when the options say so) and its reproduction. Its
    /// <see cref="ExplorationResult.Elapsed"/> is the time spent running schedules plus the minimisation;
    /// <see cref="ExplorationResult.Detected"/> the time spent up to the detection.
    /// </summary>
    public ExplorationResult Result()
    {
        if (Found is not { } found)
        {
            // A search that ran out of iterations exactly at its end is still complete.
            var exhausted = Exhausted || (probe.IsSequential && !probe.BeginIteration(Iterations, 0));
            return new ExplorationResult(scenario.Name, probe.Name, Iterations, steps, Spent, exhausted, null, null) { Deviations = deviations };
        }
        var failure = found;
        var strategy = found.Strategy;
        var minimise = Stopwatch.StartNew();
        if (options.Minimise)
        {
            (failure, strategy) = ScheduleMinimiser.Minimise(scenario, found);
        }
        var reproduction = new Reproduction(scenario.Name, scenario.ImplementationField, strategy, options.Seed, failure.Iteration, failure.Trace.Hash());
        if (options.TraceValues)
        {
            // Run the failing schedule again with values traced, for the report.
            failure = Explorer.Replay(reproduction, scenario, traceValues: true);
        }
        return new ExplorationResult(scenario.Name, probe.Name, Iterations, steps, Spent + minimise.Elapsed, false, failure, reproduction)
        {
            Found = found,
            Detected = Spent,
            Deviations = deviations,
        };
    }

    private void AdvanceBatch(int count)
    {
        var outcomes = new IterationOutcome?[count];
        var learned = contested;
        var done = Iterations;
        // The lowest failing index so far: the iterations above it need not run, those below it all do,
        // so the failure reported is the lowest of the batch whatever the timing.
        var lowestFailing = int.MaxValue;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, i =>
        {
            if (i > Volatile.Read(ref lowestFailing))
            {
                return;
            }
            // A strategy instance serves one iteration at a time; lanes reuse them.
            if (!lanes.TryTake(out var strategy))
            {
                strategy = StrategyCatalog.Create(options.Strategy);
            }
            strategy.UseContestedSteps(learned);
            var iteration = options.Shard.IterationAt(done + i);
            var seed = Prng.Derive(options.Seed, iteration);
            strategy.BeginIteration(iteration, seed);
            var outcome = Explorer.RunOnce(scenario, strategy, iteration, seed, traceValues: false);
            outcomes[i] = outcome with { Strategy = strategy.Describe() };
            lanes.Add(strategy);
            if (outcome.Failed)
            {
                var seen = Volatile.Read(ref lowestFailing);
                while (i < seen && Interlocked.CompareExchange(ref lowestFailing, i, seen) != seen)
                {
                    seen = Volatile.Read(ref lowestFailing);
                }
            }
        });
        var last = lowestFailing == int.MaxValue ? count - 1 : lowestFailing;
        for (var i = 0; i <= last; i++)
        {
            NoteDeviations(outcomes[i]!);
            steps += outcomes[i]!.Steps;
            contested = Math.Max(contested, outcomes[i]!.Trace.ContestedSteps);
        }
        Iterations = done + last + 1;
        if (lowestFailing != int.MaxValue)
        {
            Found = outcomes[lowestFailing];
        }
    }

    private void NoteDeviations(IterationOutcome outcome)
    {
        foreach (var deviation in outcome.Deviations)
        {
            deviations.TryAdd(deviation.Clause.Id, outcome);
        }
    }

    private void AdvanceSequentially(int count)
    {
        for (var n = 0; n < count && Iterations < shardIterations; n++)
        {
            var iteration = options.Shard.IterationAt(Iterations);
            var seed = Prng.Derive(options.Seed, iteration);
            if (!probe.BeginIteration(iteration, seed))
            {
                Exhausted = true;
                return;
            }
            var outcome = Explorer.RunOnce(scenario, probe, iteration, seed, traceValues: false) with { Strategy = probe.Describe() };
            Iterations++;
            NoteDeviations(outcome);
            steps += outcome.Steps;
            if (outcome.Failed)
            {
                Found = outcome;
                return;
            }
        }
    }
}
