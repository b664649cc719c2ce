using Conformance.Clauses;
using Conformance.Contracts;
using Conformance.Implementation.Tests.Pool.Variants;
using Conformance.Pool;
using Xunit;

namespace Conformance.Properties.Tests.Pool;

/// <summary>
/// The pool property judges every clause of the contract under its id: each broken variant is rejected
/// by a generated run (fixed seed, bounded cases) naming its clause, and on a fixed case as well; the
/// reference passes at the seed's rules and at the kernel's (one CPU at a time, no fill overlaps another).
/// </summary>
public sealed class PoolClausePropertyTests
{
    private static readonly PropertyRunOptions Options = new() { MaxTest = 300, Seed = 20140718, EnforceCoverage = false };

    // Low 2: a fill to 1 inhibits the refill; high 3.
    private static readonly PoolParameters Parameters = new(8, 8, 2, 3);

    public static TheoryData<Type, string> Variants => new()
    {
        { typeof(LinkLeftOnHandOut), "hand-out-content" },
        { typeof(FillOneOver), "nr-bound" },
        { typeof(EmptyByDraining), "empty-post" },
        { typeof(InhibitedPoolNeverRefills), "refill-liveness" },
        { typeof(SpliceEndsSwapped), "conservation" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_generated_run_rejects_the_variant_naming_its_clause(Type variant, string clause)
    {
        var result = ConformanceCheck.Property(variant, ConformanceLevel.Contract, Options);

        Assert.NotNull(result.Failure);
        Assert.Equal(ContractClauses.Find(clause).Id, result.Failure.Check);
    }

    [Fact]
    public void A_generated_run_rejects_a_stale_hand_out()
    {
        var result = ConformanceCheck.Property(typeof(StaleHandOutWhenEmpty), ConformanceLevel.Contract, Options);

        Assert.NotNull(result.Failure);
        Assert.Contains(result.Failure.Check, new[] { ContractClauses.DoubleHandOut.Id, ContractClauses.FreedHandOut.Id });
    }

    public static TheoryData<Type, PoolOp[], string> Cases => new()
    {
        { typeof(LinkLeftOnHandOut), [Fill(2), Op(PoolOpKind.Alloc)], "hand-out-content" },
        { typeof(FillOneOver), [Fill(0)], "nr-bound" },
        { typeof(EmptyByDraining), [Fill(2), Op(PoolOpKind.Empty)], "empty-post" },
        { typeof(InhibitedPoolNeverRefills), [Fill(1), Op(PoolOpKind.Alloc)], "refill-liveness" },
        { typeof(SpliceEndsSwapped), [Fill(2)], "conservation" },
        { typeof(StaleHandOutWhenEmpty), [Fill(1), Op(PoolOpKind.Alloc), Op(PoolOpKind.Alloc)], "double-hand-out" },
        { typeof(StaleHandOutWhenEmpty), [Fill(1), Op(PoolOpKind.Alloc), Op(PoolOpKind.FreeHeld), Op(PoolOpKind.Alloc)], "freed-hand-out" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_fixed_case_rejects_the_variant_naming_its_clause(Type variant, PoolOp[] ops, string clause)
    {
        var outcome = PoolHarness.Run(Case(ops), variant, ConformanceLevel.Contract, RuleSet.Kernel);

        Assert.NotNull(outcome.Violation);
        Assert.Equal(clause, outcome.Violation.Check);
    }

    [Theory]
    [InlineData(RuleSet.Seed)]
    [InlineData(RuleSet.Kernel)]
    public void The_reference_passes_the_fixed_cases_at_either_rules(RuleSet rules)
    {
        foreach (var ops in Cases.Select(row => (PoolOp[])row[1]))
        {
            Assert.Null(PoolHarness.Run(Case(ops), typeof(PercpuPool), ConformanceLevel.Strict, rules).Violation);
        }
    }

    private static PoolScenario Case(PoolOp[] ops) => new(1, 128, Parameters, [.. ops]);

    private static PoolOp Fill(int target) => new(PoolOpKind.Fill, target);

    private static PoolOp Op(PoolOpKind kind) => new(kind);
}
