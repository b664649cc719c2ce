using System.Collections.Concurrent;
using System.Diagnostics;
using Conformance.Concurrency.Controlled;
using Conformance.Concurrency.Strategies;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// Runs a scenario under the controlled scheduler, one iteration per derived seed, in parallel batches
/// whose outcome does not depend on the core count, and stops at the first failure (the lowest failing
/// iteration of its batch) with the line that reproduces it.
/// </summary>
public static class Explorer
{
    private const int BatchSize = 64;

    public static ExplorationResult Explore(Scenario scenario, ExplorationOptions options, IProgress<ExplorationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Iterations);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        var clock = Stopwatch.StartNew();
        var probe = StrategyCatalog.Create(options.Strategy);
        var shardIterations = (options.Iterations - options.Shard.Index + options.Shard.Count - 1) / options.Shard.Count;
        return probe.IsSequential
            ? ExploreSequentially(scenario, options, probe, shardIterations, clock, progress)
            : ExploreInBatches(scenario, options, probe.Name, shardIterations, clock, progress);
    }

    private static ExplorationResult ExploreInBatches(Scenario scenario, ExplorationOptions options, string family,
        long shardIterations, Stopwatch clock, IProgress<ExplorationProgress>? progress)
    {
        long done = 0, steps = 0;
        var contested = 0;
        var lanes = new ConcurrentBag<ISchedulingStrategy>();
        while (done < shardIterations && !OverBudget(options, clock))
        {
            var count = (int)Math.Min(BatchSize, shardIterations - done);
            var outcomes = new IterationOutcome[count];
            var learned = contested;
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, i =>
            {
                // A strategy instance serves one iteration at a time; lanes reuse them.
                if (!lanes.TryTake(out var strategy))
                {
                    strategy = StrategyCatalog.Create(options.Strategy);
                }
                strategy.UseContestedSteps(learned);
                var iteration = options.Shard.IterationAt(done + i);
                var seed = Prng.Derive(options.Seed, iteration);
                strategy.BeginIteration(iteration, seed);
                var outcome = RunOnce(scenario, strategy, iteration, seed, traceValues: false);
                outcomes[i] = outcome with { Strategy = strategy.Describe() };
                lanes.Add(strategy);
            });
            done += count;
            foreach (var outcome in outcomes)
            {
                steps += outcome.Steps;
                contested = Math.Max(contested, outcome.Trace.ContestedSteps);
            }
            progress?.Report(new ExplorationProgress(scenario.Name, done, clock.Elapsed));
            if (outcomes.FirstOrDefault(o => o.Failed) is { } failure)
            {
                var firstFailing = Array.IndexOf(outcomes, failure);
                return Failed(scenario, options, family, done - count + firstFailing + 1, steps, clock, failure);
            }
        }
        return new ExplorationResult(scenario.Name, family, done, steps, clock.Elapsed, false, null, null);
    }

    private static ExplorationResult ExploreSequentially(Scenario scenario, ExplorationOptions options, ISchedulingStrategy strategy,
        long shardIterations, Stopwatch clock, IProgress<ExplorationProgress>? progress)
    {
        long done = 0, steps = 0;
        while (done < shardIterations)
        {
            if (done % BatchSize == 0)
            {
                if (OverBudget(options, clock))
                {
                    break;
                }
                progress?.Report(new ExplorationProgress(scenario.Name, done, clock.Elapsed));
            }
            var iteration = options.Shard.IterationAt(done);
            var seed = Prng.Derive(options.Seed, iteration);
            if (!strategy.BeginIteration(iteration, seed))
            {
                return new ExplorationResult(scenario.Name, strategy.Name, done, steps, clock.Elapsed, true, null, null);
            }
            var outcome = RunOnce(scenario, strategy, iteration, seed, traceValues: false) with { Strategy = strategy.Describe() };
            done++;
            steps += outcome.Steps;
            if (outcome.Failed)
            {
                return Failed(scenario, options, strategy.Name, done, steps, clock, outcome);
            }
        }
        // A search that ran out of iterations exactly at its end is still complete.
        var exhausted = !strategy.BeginIteration(done, 0);
        return new ExplorationResult(scenario.Name, strategy.Name, done, steps, clock.Elapsed, exhausted, null, null);
    }

    private static ExplorationResult Failed(Scenario scenario, ExplorationOptions options, string family, long iterations, long steps,
        Stopwatch clock, IterationOutcome failure)
    {
        var found = failure;
        var strategy = failure.Strategy;
        if (options.Minimise)
        {
            (failure, strategy) = ScheduleMinimiser.Minimise(scenario, failure);
        }
        var reproduction = new Reproduction(scenario.Name, scenario.Implementation, strategy, options.Seed, failure.Iteration, failure.Trace.Hash());
        if (options.TraceValues)
        {
            // Run the failing schedule again with values traced, for the report.
            failure = Replay(reproduction, scenario, traceValues: true);
        }
        return new ExplorationResult(scenario.Name, family, iterations, steps, clock.Elapsed, false, failure, reproduction) { Found = found };
    }

    private static bool OverBudget(ExplorationOptions options, Stopwatch clock) =>
        options.Budget is { } budget && clock.Elapsed >= budget;

    /// <summary>
    /// Runs the iteration a reproduction names and checks that it followed the same schedule (same trace
    /// hash); a different schedule is a <see cref="ReplayDivergenceException"/>.
    /// </summary>
    public static IterationOutcome Replay(Reproduction reproduction, Scenario scenario, bool traceValues = true)
    {
        ArgumentNullException.ThrowIfNull(reproduction);
        ArgumentNullException.ThrowIfNull(scenario);
        var strategy = StrategyCatalog.Create(reproduction.Strategy);
        var seed = Prng.Derive(reproduction.Seed, reproduction.Iteration);
        strategy.BeginIteration(reproduction.Iteration, seed);
        var outcome = RunOnce(scenario, strategy, reproduction.Iteration, seed, traceValues) with { Strategy = reproduction.Strategy };
        var hash = outcome.Trace.Hash();
        if (hash != reproduction.TraceHash)
        {
            throw new ReplayDivergenceException(
                $"replay of {reproduction} followed another schedule (trace hash {hash:x8}): the scenario or the implementation changed, or it is not deterministic");
        }
        return outcome;
    }

    /// <summary>Replays a recorded trace decision by decision; any difference is a <see cref="ReplayDivergenceException"/>.</summary>
    public static IterationOutcome ReplayTrace(ScheduleTrace trace, Scenario scenario, bool traceValues = true)
    {
        var strategy = new ReplayStrategy(trace);
        strategy.BeginIteration(0, 0);
        var outcome = RunOnce(scenario, strategy, 0, 0, traceValues);
        if (outcome.Error is ReplayDivergenceException)
        {
            throw outcome.Error;
        }
        strategy.CheckFinished();
        return outcome;
    }

    /// <summary>One controlled run of a fresh instance of the scenario, with a strategy that has begun its iteration.</summary>
    public static IterationOutcome RunOnce(Scenario scenario, ISchedulingStrategy strategy, long iteration, ulong seed, bool traceValues)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(strategy);
        var platform = new ControlledPlatform(scenario.CpuCount, strategy, scenario.WorkerCount, scenario.StepBound, traceValues);
        Exception? error = null;
        ScenarioRun? run = null;
        try
        {
            run = scenario.Build(platform);
            if (run.Setup is { } setup)
            {
                platform.RunSetup(setup);
            }
            platform.Run(run.Programs);
            run.AtQuiescence?.Invoke();
        }
        catch (Exception e)
        {
            // The iteration's verdict: reported with its trace, never swallowed.
            error = run?.Explain is { } explain ? explain(e) : e;
        }
        finally
        {
            platform.Dispose();
        }
        return new IterationOutcome(iteration, seed, error, platform.Trace, platform.Steps) { Strategy = strategy.Name };
    }
}
