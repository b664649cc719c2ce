using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Scenarios;
using Xunit;

namespace Samples.PerTargetCrossCall.Tests;

/// <summary>The cross-call scenarios of the suite's exploration, bounded by iterations and seeded.</summary>
public sealed class ScenarioTests
{
    private const ulong Seed = 20261122;

    public static TheoryData<string> CrossCallScenarios() =>
        [.. ScenarioCatalog.For(Mechanism.CrossCall).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(CrossCallScenarios))]
    public void The_sample_passes_every_cross_call_scenario(string name)
    {
        var family = ScenarioCatalog.Family(name);

        var result = ScenarioExplorer.Explore(family, ImplementationCatalog.Describe(typeof(PerTargetCrossCall)),
            new ExplorationOptions { Seed = Seed, Iterations = 300 });

        Assert.True(result.Passed, $"{result.Reproduction}\n{result.Failure?.Error}");
        Assert.Equal(300, result.Iterations);
    }
}
