using Conformance.Concurrency.Exploration;
using Xunit;

namespace Conformance.Concurrency.Tests.Controlled;

public sealed class ExplorationRunTests
{
    [Theory]
    [InlineData("random", 42UL)]
    [InlineData("portfolio", 7UL)]
    [InlineData("dfs-p2", 1UL)]
    public void A_run_advanced_a_batch_at_a_time_finds_what_the_explorer_finds(string strategy, ulong seed)
    {
        var options = new ExplorationOptions { Strategy = strategy, Seed = seed, Iterations = 500, Minimise = false };
        var whole = Explorer.Explore(SchedulerScenarios.RacyIncrement, options);

        var run = new ExplorationRun(SchedulerScenarios.RacyIncrement, options);
        while (!run.Finished)
        {
            run.Advance(ExplorationRun.BatchSize);
        }
        var sliced = run.Result();

        Assert.False(whole.Passed, $"seed {seed}");
        Assert.Equal(whole.Iterations, sliced.Iterations);
        Assert.Equal(whole.Reproduction!.ToString(), sliced.Reproduction!.ToString());
    }

    [Fact]
    public void The_detection_is_timed_apart_from_the_minimisation_after_it()
    {
        var result = Explorer.Explore(SchedulerScenarios.RacyIncrement, new ExplorationOptions { Strategy = "random", Seed = 8, Iterations = 500 });

        Assert.False(result.Passed);
        Assert.NotNull(result.Detected);
        Assert.True(result.Detected <= result.Elapsed, $"detected after {result.Detected}, elapsed {result.Elapsed}");
    }

    [Fact]
    public void A_batch_reports_its_lowest_failing_iteration_whatever_the_parallelism()
    {
        var options = new ExplorationOptions { Strategy = "random", Seed = 42, Iterations = 500, Minimise = false };

        var one = Explorer.Explore(SchedulerScenarios.RacyIncrement, options with { Parallelism = 1 });
        var four = Explorer.Explore(SchedulerScenarios.RacyIncrement, options with { Parallelism = 4 });

        Assert.Equal(one.Iterations, four.Iterations);
        Assert.Equal(one.Reproduction!.ToString(), four.Reproduction!.ToString());
        Assert.Equal(one.Steps, four.Steps);
    }
}
