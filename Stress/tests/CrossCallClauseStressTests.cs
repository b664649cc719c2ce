using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall.Variants;
using Xunit;

namespace Conformance.Stress.Tests;

/// <summary>
/// Stress judges the cross-call clauses with the exploration's predicates, at the seed's rules (the
/// rules the reference claims, under which each variant's defect is still broken): each broken variant
/// is rejected with its clause's id within a few seeds. Real threads do not replay, so each test tries
/// seeds in order until one fails.
/// </summary>
[Collection(StressCollection.Name)]
public class CrossCallClauseStressTests
{
    private static readonly StressOptions Short = new()
    {
        Seed = 20261204,
        Operations = 400,
        Rules = RuleSet.Seed,
        TimeBudget = TimeSpan.FromSeconds(1.5),
        HangGrace = TimeSpan.FromSeconds(1),
    };

    [Theory]
    [InlineData(typeof(HandlerEnablesIrqs), "func-context")]
    [InlineData(typeof(LocalCallIrqsOn), "func-context")]
    [InlineData(typeof(CompletesBeforeFunc), "early-return")]
    [InlineData(typeof(RunsFirstQueuedOnly), "lost-call")]
    // Not ReadsInfoAfterUnlock (foreign-payload): its window is a few instructions wide and real threads
    // missed it in five seeds out of five once; exploration shows it deterministically.
    public void A_broken_variant_is_rejected_with_its_clause(Type variant, string clause)
    {
        var tried = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var result = StressRunner.Run(ImplementationCatalog.Describe(variant), Short with { Seed = Short.Seed + (ulong)i });
            tried.Add($"{result.Options.Seed}: {result.Verdict} {result.Failure}");
            if (result.Verdict == StressVerdict.Failed)
            {
                Assert.True(clause == result.Failure, result.Report);
                return;
            }
        }
        Assert.Fail($"{variant.Name} survived every seed: {string.Join("; ", tried)}");
    }

    /// <summary>
    /// Whether real threads come across the reference's early return depends on their timing (on a quiet
    /// machine five runs once met none), so this decides only what every run must show: it passes, and
    /// what it records is the known deviation. That the deviation is recorded, not failed, the exploration
    /// shows deterministically (CrossCallClauseExplorationTests).
    /// </summary>
    [Fact]
    public void At_the_seeds_rules_the_reference_passes_and_records_only_its_early_returns()
    {
        var reference = ImplementationCatalog.Find(Mechanism.CrossCall, "reference");
        var deviations = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var result = StressRunner.Run(reference, new StressOptions { Seed = 20261204 + (ulong)i, Operations = 1000, Rules = RuleSet.Seed });

            Assert.True(result.Verdict == StressVerdict.Passed, result.Report ?? result.ToString());
            deviations.AddRange(result.Deviations.Select(d => d.Clause.Id));
        }

        Assert.All(deviations, id => Assert.Equal("early-return", id));
    }
}
