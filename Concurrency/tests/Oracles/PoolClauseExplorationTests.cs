using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Reports;
using Conformance.Concurrency.Scenarios;
using Conformance.Concurrency.Strategies;
using Conformance.Contracts;
using Conformance.Implementation.Tests.Pool.Variants;
using Xunit;

namespace Conformance.Concurrency.Tests.Oracles;

/// <summary>
/// Exploration judges every clause of the pool's contract: each broken variant (held to the kernel's
/// rules, as any implementation outside the catalogue) is rejected naming its clause, and the reference
/// at the seed's rules passes every pool scenario, its overlapping fills recorded as <c>nr-bound</c>
/// deviations that the kernel's rules reject.
/// </summary>
public sealed class PoolClauseExplorationTests
{
    private const ulong Seed = 11;

    public static TheoryData<Type, string, string> Variants => new()
    {
        { typeof(LinkLeftOnHandOut), "pool-refill", "hand-out-content" },
        { typeof(FillOneOver), "pool-irq-alloc", "nr-bound" },
        { typeof(EmptyByDraining), "pool-irq-alloc", "empty-post" },
        { typeof(InhibitedPoolNeverRefills), "pool-fill-fill", "refill-liveness" },
        { typeof(SpliceEndsSwapped), "pool-refill", "conservation" },
        { typeof(StaleHandOutWhenEmpty), "pool-refill", "freed-hand-out" },
        { typeof(StaleHandOutWhenEmpty), "pool-fill-fill", "double-hand-out" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_broken_variant_is_rejected_naming_its_clause(Type variant, string scenario, string clause)
    {
        var entry = ImplementationCatalog.Describe(variant);
        Assert.Equal(RuleSet.Kernel, entry.Rules);
        // Each variant inherits the seed's unlocked read of nr, whose overshoot the kernel's rules reject
        // first in the scenarios where fills overlap: judged at the seed's rules, only its own defect shows.
        var rules = clause == ContractClauses.NrBound.Id ? RuleSet.Kernel : RuleSet.Seed;

        var result = ScenarioExplorer.Explore(ScenarioCatalog.Family(scenario), entry,
            new ExplorationOptions { Strategy = "portfolio", Seed = Seed, Iterations = 2000, Minimise = false, TraceValues = false }, rules: rules);

        Assert.False(result.Passed, $"{variant.Name} survived {result.Iterations} schedules of {scenario}");
        var violation = Assert.IsType<OracleViolationException>(result.Failure!.Error);
        Assert.True(clause == violation.Oracle, FailureReport.Render(result, 3));
        Assert.Equal(ContractClauses.Find(clause).Id, violation.Oracle);
    }

    [Theory]
    [InlineData("pool-fill-fill")]
    [InlineData("pool-fill-empty")]
    public void The_reference_overshoots_as_a_seed_deviation_and_a_kernel_violation(string scenario)
    {
        var reference = ImplementationCatalog.Find(Mechanism.Pool, "reference");
        var family = ScenarioCatalog.Family(scenario);

        var (outcome, iterations) = FirstDeviation(family.Create(reference, rules: RuleSet.Seed));

        Assert.Null(outcome.Error);
        var deviation = Assert.Single(outcome.Deviations.Select(d => d.Clause).Distinct());
        Assert.Equal(ContractClauses.NrBound, deviation);
        Assert.Contains("largest fill target", outcome.Deviations[0].Message, StringComparison.Ordinal);

        var kernel = Explorer.Explore(family.Create(reference, rules: RuleSet.Kernel),
            new ExplorationOptions { Strategy = "pct", Seed = Seed, Iterations = iterations + 1, Minimise = false, TraceValues = false });
        Assert.False(kernel.Passed);
        Assert.Equal("nr-bound", Assert.IsType<OracleViolationException>(kernel.Failure!.Error).Oracle);
    }

    /// <summary>Every schedule of pool-irq-alloc(2,1) with at most two preemptions: interrupts inside the fill and the empty.</summary>
    [Fact]
    public void Dfs_with_preemption_bound_2_completes_on_the_reference_in_pool_irq_alloc()
    {
        var reference = ImplementationCatalog.Find(Mechanism.Pool, "reference");
        var concrete = PoolScenarios.IrqAlloc.Create(reference, rules: RuleSet.Seed);

        var result = Explorer.Explore(concrete, new ExplorationOptions { Strategy = "dfs-p2", Iterations = 20_000 });

        Assert.True(result.Passed, result.Failure?.Error?.ToString());
        Assert.True(result.Exhausted, $"{concrete.Name}: the search did not finish within {result.Iterations} schedules");
    }

    [Fact]
    public void A_holder_whose_element_the_pool_writes_is_rejected_as_owner_pattern()
    {
        // The second alloc clears the link of an element CPU1 holds: seen when CPU1 lets go of it before
        // that alloc returns, and otherwise as a double (or freed) hand-out at the return.
        var entry = ImplementationCatalog.Describe(typeof(HeadNotAdvanced));
        var scenario = PoolScenarios.FillFill.Create(entry, rules: RuleSet.Seed);
        var strategy = StrategyCatalog.Create("random");
        var seen = new HashSet<string>();
        for (long i = 0; i < 2000 && !seen.Contains(ContractClauses.OwnerPattern.Id); i++)
        {
            var seed = Prng.Derive(Seed, i);
            strategy.BeginIteration(i, seed);
            var outcome = Explorer.RunOnce(scenario, strategy, i, seed, traceValues: false);
            seen.Add(outcome.Error is OracleViolationException v ? v.Oracle : outcome.Error?.GetType().Name ?? "passed");
        }

        Assert.Contains(ContractClauses.OwnerPattern.Id, seen);
        Assert.DoesNotContain("passed", seen);
    }

    // Random schedules, one at a time, up to the first that records a deviation.
    private static (IterationOutcome Outcome, long Iterations) FirstDeviation(Scenario scenario)
    {
        var strategy = StrategyCatalog.Create("pct");
        for (long i = 0; i < 2000; i++)
        {
            var seed = Prng.Derive(Seed, i);
            strategy.BeginIteration(i, seed);
            var outcome = Explorer.RunOnce(scenario, strategy, i, seed, traceValues: false);
            Assert.Null(outcome.Error);
            if (outcome.Deviations.Count > 0)
            {
                return (outcome, i + 1);
            }
        }
        throw new Xunit.Sdk.XunitException($"no nr-bound deviation in 2000 pct schedules of {scenario.Name}");
    }
}
