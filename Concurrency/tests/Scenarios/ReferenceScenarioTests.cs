using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Scenarios;
using Xunit;

namespace Conformance.Concurrency.Tests.Scenarios;

/// <summary>The references pass every scenario: a bounded portfolio run, and complete bounded searches at small sizes.</summary>
public sealed class ReferenceScenarioTests
{
    public static TheoryData<string> Families() => [.. ScenarioCatalog.Families.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Families))]
    public void The_reference_passes_a_portfolio_exploration_of_every_scenario(string name)
    {
        var family = ScenarioCatalog.Family(name);

        var reference = Reference(family);

        var result = ScenarioExplorer.Explore(family, reference, new ExplorationOptions { Seed = 20261122, Iterations = 256 }, rules: reference.Rules);

        Assert.True(result.Passed, result.Failure?.Error?.ToString());
        Assert.Equal(256, result.Iterations);
    }

    /// <summary>
    /// DFS with a preemption bound of 2 covers every schedule with at most two preemptions: when it
    /// finishes, the scenario is proved at that size and bound. Schedule counts at the time of writing:
    /// csd-lock(2,3) 163, csd-lock-two-senders(3,1) 3,142, call-many-hotplug(4,1) 13,947 (each cross-call
    /// func has two scheduling points of its own), pool-refill(2,1) 3,672, alloc-free(2,2) 2,196 (larger
    /// sizes run in ci/explore-deep).
    /// </summary>
    [Theory]
    [InlineData("csd-lock", 2, 3)]
    [InlineData("csd-lock-two-senders", 3, 1)]
    [InlineData("call-many-hotplug", 4, 1)]
    [InlineData("pool-refill", 2, 1)]
    [InlineData("alloc-free", 2, 2)]
    public void Dfs_with_preemption_bound_2_completes_on_the_reference(string name, int cpus, int ops)
    {
        var family = ScenarioCatalog.Family(name);
        var reference = Reference(family);
        var scenario = family.Create(reference, cpus, ops, reference.Rules);

        var result = Explorer.Explore(scenario, new ExplorationOptions { Strategy = "dfs-p2", Iterations = 20_000 });

        Assert.True(result.Passed, result.Failure?.Error?.ToString());
        Assert.True(result.Exhausted, $"{scenario.Name}: the search did not finish within {result.Iterations} schedules");
    }

    [Fact]
    public void Scenario_names_parse_and_bad_ones_are_clear_errors()
    {
        var (family, cpus, ops) = ScenarioCatalog.Parse("requeue-at-head(4,2)");
        Assert.Equal("requeue-at-head", family.Name);
        Assert.Equal((4, 2), (cpus, ops));
        Assert.Null(ScenarioCatalog.Parse("pool-refill").Cpus);
        Assert.Contains("known:", Assert.Throws<ArgumentException>(() => ScenarioCatalog.Parse("no-such")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ScenarioCatalog.Parse("csd-lock(2)"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScenarioCatalog.Create("csd-lock(5,2)", Reference(ScenarioCatalog.Family("csd-lock"))));
    }

    [Fact]
    public void A_scenario_refuses_an_implementation_of_another_mechanism()
    {
        var pool = ImplementationCatalog.Find(Mechanism.Pool, "reference");

        Assert.Throws<ArgumentException>(() => CrossCallScenarios.CsdLock.Create(pool));
    }

    internal static ImplementationEntry Reference(ScenarioFamily family) => ImplementationCatalog.Find(family.Mechanism, "reference");
}
