using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Reports;
using Conformance.Concurrency.Scenarios;
using Xunit;

namespace Conformance.Concurrency.Tests.Scenarios;

public sealed class ScenarioExplorerTests
{
    private static readonly ImplementationEntry Broken = ImplementationCatalog.Describe(typeof(LosesSecondCall));

    [Fact]
    public void A_failing_scenario_is_shrunk_to_the_fewest_operations_that_still_fail()
    {
        var result = ScenarioExplorer.Explore(CrossCallScenarios.CsdLock, Broken, new ExplorationOptions { Seed = 3, Iterations = 100 }, cpus: 2, ops: 5);

        var violation = Assert.IsType<OracleViolationException>(result.Failure?.Error);
        Assert.Equal("lost-call", violation.Oracle);
        // Losing the second call needs two calls: five shrink to two.
        Assert.Equal("csd-lock(2,2)", result.Scenario);
        Assert.StartsWith("explore:csd-lock(2,2):", result.Reproduction!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_reproduction_string_of_a_users_implementation_replays_with_its_type()
    {
        var result = ScenarioExplorer.Explore(CrossCallScenarios.CsdLock, Broken, new ExplorationOptions { Seed = 3, Iterations = 100 });

        var (outcome, report) = ExplorationReplay.Run(result.Reproduction!.ToString(), typeof(LosesSecondCall));

        Assert.True(outcome.Failed);
        Assert.Contains("lost call", report, StringComparison.Ordinal);
        Assert.Contains("| CPU0", report, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>CONFORMANCE_REPLAY="explore:..." dotnet test</c> replays that one schedule here and fails with its
    /// report while it still fails; without the variable, the test replays a known failing schedule of a
    /// broken implementation to show the path works.
    /// </summary>
    [Fact]
    public void Replay_from_the_environment()
    {
        var line = Environment.GetEnvironmentVariable(FailureReport.ReplayVariable);
        if (line is not null && line.StartsWith(Reproduction.Prefix + ":", StringComparison.Ordinal))
        {
            var (outcome, report) = ExplorationReplay.Run(line);
            Assert.False(outcome.Failed, report);
            return;
        }
        var found = ScenarioExplorer.Explore(CrossCallScenarios.CsdLock, Broken, new ExplorationOptions { Seed = 9, Iterations = 100 });
        Assert.True(ExplorationReplay.Run(found.Reproduction!.ToString(), typeof(LosesSecondCall)).Outcome.Failed);
    }

    [Fact]
    public void Replaying_a_shipped_implementation_that_does_not_exist_is_a_clear_error()
    {
        Assert.Throws<ImplementationLoadException>(() => ExplorationReplay.Run("explore:csd-lock(2,3):no-such-impl:random:1:2:0000abcd"));
        Assert.Throws<FormatException>(() => ExplorationReplay.Run("explore:csd-lock(2,3)"));
    }
}
