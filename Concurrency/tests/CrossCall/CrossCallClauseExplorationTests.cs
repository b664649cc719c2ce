using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Scenarios;
using Conformance.Concurrency.Strategies;
using Conformance.Contracts;
using Conformance.CrossCall.Variants;
using Xunit;

namespace Conformance.Concurrency.Tests.CrossCall;

/// <summary>
/// Exploration judges every cross-call clause: each broken variant (one defect each) is rejected with
/// its clause's id in a bounded, seeded exploration of a fixed scenario under either rule set. The
/// reference passes every scenario under the seed's rules (ReferenceScenarioTests) and, under the
/// kernel's, shows the seed's early return of a waiting many-call.
/// </summary>
public sealed class CrossCallClauseExplorationTests
{
    private const ulong Seed = 20261204;

    [Theory]
    [InlineData(typeof(CompletesBeforeFunc), "single-wait-local", 3, 1, "early-return")]
    [InlineData(typeof(HandlerEnablesIrqs), "single-wait-local", 3, 1, "func-context")]
    [InlineData(typeof(LocalCallIrqsOn), "single-wait-local", 3, 1, "func-context")]
    [InlineData(typeof(DropsEnxio), "single-wait-local", 3, 1, "enxio")]
    [InlineData(typeof(KeepsWaitingEntryLocked), "single-wait-local", 3, 1, "quiescent-clean")]
    [InlineData(typeof(KeepsWaitingEntryLocked), "call-many-hotplug", 4, 2, "caller-stuck")]
    [InlineData(typeof(RunsFirstQueuedOnly), "csd-lock-two-senders", 3, 1, "lost-call")]
    [InlineData(typeof(ReadsInfoAfterUnlock), "csd-lock", 2, 2, "foreign-payload")]
    public void A_broken_variant_is_rejected_with_its_clause(Type variant, string family, int cpus, int ops, string clause)
    {
        foreach (var rules in new[] { RuleSet.Kernel, RuleSet.Seed })
        {
            var result = Explore(family, ImplementationCatalog.Describe(variant), cpus, ops, rules, 400);

            Assert.False(result.Passed, $"{variant.Name} passed {family}({cpus},{ops}) under {rules}");
            var error = Assert.IsType<OracleViolationException>(result.Failure!.Error);
            Assert.Equal(clause, error.Oracle);
            Assert.Equal(ContractClauses.Find(clause).Id, error.Oracle);
        }
    }

    [Fact]
    public void Under_the_kernels_rules_the_reference_returns_a_waiting_many_call_early()
    {
        var result = Explore("requeue-at-head-wait", Reference, 3, 1, RuleSet.Kernel, 2000);

        Assert.False(result.Passed, "no schedule showed the seed's early return");
        var error = Assert.IsType<OracleViolationException>(result.Failure!.Error);
        Assert.Equal("early-return", error.Oracle);
        Assert.Contains("returned before the func returned on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_the_seeds_rules_the_same_schedule_records_the_deviation_instead()
    {
        var kernel = Explore("requeue-at-head-wait", Reference, 3, 1, RuleSet.Kernel, 2000);
        var seed = ScenarioCatalog.Family("requeue-at-head-wait").Create(Reference, 3, 1, RuleSet.Seed);

        // The same strategy from the same seed takes the same decisions up to the early return.
        var reproduction = kernel.Reproduction!;
        var strategy = StrategyCatalog.Create(reproduction.Strategy);
        var iterationSeed = Prng.Derive(reproduction.Seed, reproduction.Iteration);
        strategy.BeginIteration(reproduction.Iteration, iterationSeed);

        var replayed = Explorer.RunOnce(seed, strategy, reproduction.Iteration, iterationSeed, traceValues: false);

        Assert.Null(replayed.Error);
        var deviation = Assert.Single(replayed.Deviations, d => d.Message.Contains("returned before", StringComparison.Ordinal));
        Assert.Equal("early-return", deviation.Clause.Id);
    }

    private static ImplementationEntry Reference => ImplementationCatalog.Find(Mechanism.CrossCall, "reference");

    private static ExplorationResult Explore(string family, ImplementationEntry implementation, int? cpus, int? ops, RuleSet rules, long iterations) =>
        Explorer.Explore(ScenarioCatalog.Family(family).Create(implementation, cpus, ops, rules),
            new ExplorationOptions { Seed = Seed, Iterations = iterations, Minimise = false });
}
