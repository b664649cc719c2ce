using Conformance.Concurrency.Controlled;
using Conformance.Concurrency.Strategies;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// Runs a scenario under the controlled scheduler, one iteration per derived seed, and stops at the
/// first failure with the line that reproduces it.
/// </summary>
public static class Explorer
{
    public static ExplorationResult Explore(Scenario scenario, ExplorationOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Iterations);
        var strategy = StrategyCatalog.Create(options.Strategy);
        long steps = 0;
        for (long i = 0; i < options.Iterations; i++)
        {
            var seed = Prng.Derive(options.Seed, i);
            if (!strategy.BeginIteration(seed))
            {
                return new ExplorationResult(scenario.Name, strategy.Name, i, steps, true, null, null);
            }
            var outcome = RunOnce(scenario, strategy, i, seed, traceValues: false);
            steps += outcome.Steps;
            if (outcome.Failed)
            {
                var reproduction = new Reproduction(scenario.Name, scenario.Implementation, strategy.Name, options.Seed, i, outcome.Trace.Hash());
                if (options.TraceValues)
                {
                    // Run the failing schedule again with values traced, for the report.
                    outcome = Replay(reproduction, scenario, traceValues: true);
                }
                return new ExplorationResult(scenario.Name, strategy.Name, i + 1, steps, false, outcome, reproduction);
            }
        }
        return new ExplorationResult(scenario.Name, strategy.Name, options.Iterations, steps, false, null, null);
    }

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
        strategy.BeginIteration(seed);
        var outcome = RunOnce(scenario, strategy, reproduction.Iteration, seed, traceValues);
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
        strategy.BeginIteration(0);
        var outcome = RunOnce(scenario, strategy, 0, 0, traceValues);
        if (outcome.Error is ReplayDivergenceException)
        {
            throw outcome.Error;
        }
        strategy.CheckFinished();
        return outcome;
    }

    /// <summary>One controlled run of a fresh instance of the scenario.</summary>
    public static IterationOutcome RunOnce(Scenario scenario, ISchedulingStrategy strategy, long iteration, ulong seed, bool traceValues)
    {
        var platform = new ControlledPlatform(scenario.CpuCount, strategy, scenario.WorkerCount, scenario.StepBound, traceValues);
        Exception? error = null;
        try
        {
            var run = scenario.Build(platform);
            if (run.Setup is { } setup)
            {
                platform.RunSetup(setup);
            }
            platform.Run(run.Programs);
            run.AtQuiescence?.Invoke();
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            platform.Dispose();
        }
        return new IterationOutcome(iteration, seed, error, platform.Trace, platform.Steps);
    }
}
