using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Contracts;
using Conformance.Implementation.Tests.Pool.Variants;
using Conformance.Stress.Harness;
using Xunit;

namespace Conformance.Stress.Tests;

/// <summary>
/// Stress judges every clause of the pool's contract with the oracle exploration uses: each broken
/// variant is rejected naming its clause within a bounded number of seeds (real threads do not replay,
/// so each test tries seeds in order), and the reference at the seed's rules passes, recording nothing
/// but <c>nr-bound</c> deviations.
/// </summary>
[Collection(StressCollection.Name)]
public class PoolClauseStressTests
{
    private static readonly StressOptions Short = new()
    {
        Operations = 1000,
        TimeBudget = TimeSpan.FromSeconds(1.5),
        HangGrace = TimeSpan.FromSeconds(1.5),
    };

    public static TheoryData<Type, string, RuleSet, int> Variants => new()
    {
        { typeof(LinkLeftOnHandOut), "hand-out-content", RuleSet.Seed, 3 },
        { typeof(FillOneOver), "nr-bound", RuleSet.Kernel, 3 },
        { typeof(EmptyByDraining), "empty-post", RuleSet.Seed, 3 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_broken_variant_is_rejected_naming_its_clause(Type variant, string clause, RuleSet rules, int seeds)
    {
        var result = FirstKill(variant, Short with { Rules = rules }, seeds);

        Assert.Equal(ContractClauses.Find(clause).Id, result.Failure);
    }

    [Fact]
    public void A_pool_that_loses_its_chain_fails_conservation()
    {
        // Short enough that CPU0 makes no empty at a checkpoint, which would name the leak empty-post.
        var result = FirstKill(typeof(SpliceEndsSwapped), Short with { Operations = 200, Rules = RuleSet.Seed }, 3);

        Assert.Equal(ContractClauses.Conservation.Id, result.Failure);
    }

    [Fact]
    public void A_stale_hand_out_is_rejected_as_a_double_or_freed_hand_out()
    {
        var result = FirstKill(typeof(StaleHandOutWhenEmpty), Short with { Rules = RuleSet.Seed }, 3);

        Assert.Contains(result.Failure, new[] { ContractClauses.DoubleHandOut.Id, ContractClauses.FreedHandOut.Id });
    }

    [Fact]
    public void A_pool_a_small_fill_inhibited_that_never_refills_fails_refill_liveness()
    {
        // Killed when the stream's last fill is below the low watermark and nothing empties after it.
        var result = FirstKill(typeof(InhibitedPoolNeverRefills), Short with { Operations = 200, Rules = RuleSet.Seed }, 150);

        Assert.Equal(ContractClauses.RefillLiveness.Id, result.Failure);
    }

    [Fact]
    public void The_reference_at_the_seed_rules_passes_and_deviates_only_on_nr_bound()
    {
        var reference = ImplementationCatalog.Find(Mechanism.Pool, "reference");
        Assert.Equal(RuleSet.Seed, reference.Rules);
        var harness = MechanismStress.Create(reference, Short with { Seed = 7, Rules = reference.Rules });

        harness.Run();
        harness.AtQuiescence();

        Assert.True(harness.CheckpointsPassed >= PoolStress.EmptyEvery, "the run reaches a checkpoint where CPU0 empties the pool");
        Assert.All(harness.Rules.Deviations, d => Assert.Equal(ContractClauses.NrBound, d.Clause));
    }

    private static StressResult FirstKill(Type variant, StressOptions options, int seeds)
    {
        var entry = ImplementationCatalog.Describe(variant);
        var tried = new List<string>();
        for (var i = 0; i < seeds; i++)
        {
            var result = StressRunner.Run(entry, options with { Seed = options.Seed + (ulong)i });
            if (result.Verdict == StressVerdict.Failed)
            {
                return result;
            }
            tried.Add(result.ToString());
        }
        Assert.Fail($"{entry} survived {seeds} seeds:\n{string.Join("\n", tried)}");
        return null!;
    }
}
