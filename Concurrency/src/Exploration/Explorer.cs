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
    public static ExplorationResult Explore(Scenario scenario, ExplorationOptions options, IProgress<ExplorationProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var run = new ExplorationRun(scenario, options);
        while (!run.Finished && !OverBudget(options, clock))
        {
            if (run.Advance(ExplorationRun.BatchSize))
            {
                break;
            }
            progress?.Report(new ExplorationProgress(scenario.Name, run.Iterations, clock.Elapsed));
        }
        var detected = clock.Elapsed;
        var result = run.Result();
        return result with { Elapsed = clock.Elapsed, Detected = result.Passed ? null : detected };
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
        return new IterationOutcome(iteration, seed, error, platform.Trace, platform.Steps)
        {
            Strategy = strategy.Name,
            Deviations = run?.Rules?.Deviations ?? [],
        };
    }
}
