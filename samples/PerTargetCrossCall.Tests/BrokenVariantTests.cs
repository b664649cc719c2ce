using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Scenarios;
using Xunit;

namespace Samples.PerTargetCrossCall.Tests;

/// <summary>The checks bite on the sample's design: one defect in its handler, found and replayed.</summary>
public sealed class BrokenVariantTests
{
    private static readonly ImplementationEntry Broken = ImplementationCatalog.Describe(typeof(UnlockBeforeCopy));

    [Fact]
    public void The_exploration_rejects_a_handler_that_unlocks_before_it_copies()
    {
        var result = ScenarioExplorer.Explore(CrossCallScenarios.CsdLock, Broken, new ExplorationOptions { Seed = 20261122, Iterations = 300 });

        // CPU1 unlocks R1's entry, CPU0 re-fills it with R2 before CPU1 reads it: CPU1 runs R1's func
        // with R2's info (each request has its own func), or R2 twice when the re-fill came before both
        // reads. Two calls are the fewest that show it.
        var violation = Assert.IsType<OracleViolationException>(result.Failure?.Error);
        Assert.Contains(violation.Oracle, new[] { "foreign-payload", "ran-twice" });
        Assert.Equal("csd-lock(2,2)", result.Scenario);
        Assert.StartsWith("explore:csd-lock(2,2):", result.Reproduction!.ToString(), StringComparison.Ordinal);

        var (replayed, report) = ExplorationReplay.Run(result.Reproduction.ToString(), typeof(UnlockBeforeCopy));

        Assert.True(replayed.Failed, report);
    }
}
