using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Strategies;
using Conformance.Concurrency.Tests.Controlled;
using Xunit;

namespace Conformance.Concurrency.Tests.Strategies;

public sealed class StrategyTests
{
    [Theory]
    [InlineData("random")]
    [InlineData("probabilistic")]
    [InlineData("pct-d2")]
    [InlineData("pct")]
    [InlineData("fairpct")]
    [InlineData("portfolio")]
    [InlineData("dfs-p1")]
    public void Every_strategy_finds_the_racy_increment_and_its_line_replays(string strategy)
    {
        var result = Explorer.Explore(SchedulerScenarios.RacyIncrement, new ExplorationOptions { Strategy = strategy, Seed = 5, Iterations = 2000 });

        Assert.False(result.Passed, $"{strategy} missed the lost update in {result.Iterations} iterations");
        var replayed = Explorer.Replay(Reproduction.Parse(result.Reproduction!.ToString()), SchedulerScenarios.RacyIncrement);
        Assert.Equal(result.Failure!.Error!.Message, replayed.Error!.Message);
    }

    [Fact]
    public void Dfs_with_a_preemption_bound_completes_on_a_correct_scenario_and_says_so()
    {
        var bounded0 = Explorer.Explore(SchedulerScenarios.LockedIncrement, new ExplorationOptions { Strategy = "dfs-p0", Iterations = 100_000 });
        var bounded1 = Explorer.Explore(SchedulerScenarios.LockedIncrement, new ExplorationOptions { Strategy = "dfs-p1", Iterations = 100_000 });

        Assert.True(bounded0.Passed && bounded1.Passed);
        Assert.True(bounded0.Exhausted && bounded1.Exhausted);
        // Without preemptions only the order in which blocked or finished CPUs hand over varies.
        Assert.True(bounded1.Iterations > bounded0.Iterations, $"{bounded1.Iterations} schedules at bound 1, {bounded0.Iterations} at bound 0");
    }

    [Fact]
    public void Dfs_stops_at_its_iteration_cap_without_claiming_completion()
    {
        var result = Explorer.Explore(SchedulerScenarios.LockedIncrement, new ExplorationOptions { Strategy = "dfs-p2", Iterations = 10 });

        Assert.Equal(10, result.Iterations);
        Assert.False(result.Exhausted);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_cores()
    {
        var options = new ExplorationOptions { Strategy = "portfolio", Seed = 11, Iterations = 3000 };
        var one = Explorer.Explore(SchedulerScenarios.RacyIncrement, options with { Parallelism = 1 });
        var four = Explorer.Explore(SchedulerScenarios.RacyIncrement, options with { Parallelism = 4 });

        Assert.Equal(one.Reproduction, four.Reproduction);
    }

    [Fact]
    public void Shards_cover_disjoint_iterations_of_the_same_run()
    {
        var options = new ExplorationOptions { Strategy = "random", Seed = 3, Iterations = 3000 };
        var whole = Explorer.Explore(SchedulerScenarios.RacyIncrement, options);
        var shards = Enumerable.Range(0, 3)
            .Select(i => Explorer.Explore(SchedulerScenarios.RacyIncrement, options with { Shard = new Shard(i, 3) }))
            .ToList();

        var found = shards.Where(s => !s.Passed).Select(s => s.Reproduction!.Iteration).ToList();
        Assert.Contains(whole.Reproduction!.Iteration, found);
        Assert.All(shards.Where(s => !s.Passed), s => Assert.Equal(s.Reproduction!.Iteration % 3, shards.IndexOf(s)));
    }

    [Fact]
    public void Pct_learns_k_and_describes_it_so_one_iteration_replays_alone()
    {
        var pct = new PctStrategy(depth: 3);
        pct.UseContestedSteps(57);
        pct.BeginIteration(4, 99);

        Assert.Equal("pct-d3-k57", pct.Describe());
        Assert.Equal("pct-d3-k57", StrategyCatalog.Create(pct.Describe()).Describe());
    }

    [Fact]
    public void The_portfolio_rotates_members_per_iteration()
    {
        var portfolio = new PortfolioStrategy();
        var described = Enumerable.Range(0, portfolio.Members.Count).Select(i =>
        {
            portfolio.BeginIteration(i, 1);
            return portfolio.Describe();
        }).ToList();

        Assert.Equal(described.Count, described.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("coyote")]
    [InlineData("pct-x3")]
    [InlineData("random@1.2")]
    [InlineData("dfs-p2@1")]
    public void An_unknown_strategy_is_a_clear_error(string description)
    {
        var e = Assert.Throws<ArgumentException>(() => StrategyCatalog.Create(description));
        Assert.Contains("known:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shard_text_is_parsed_and_checked()
    {
        Assert.Equal(new Shard(1, 4), Shard.Parse("1/4"));
        Assert.Throws<FormatException>(() => Shard.Parse("4/4"));
        Assert.Throws<FormatException>(() => Shard.Parse("a/b"));
    }
}
