using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Stress.Checking;
using Xunit;

namespace Conformance.Stress.Tests;

/// <summary>The reference of each mechanism passes bounded stress runs: every oracle holds and the history is linearizable.</summary>
[Collection(StressCollection.Name)]
public class StressReferenceTests
{
    public static TheoryData<Mechanism, bool> Runs => new()
    {
        { Mechanism.Allocator, true },
        { Mechanism.Pool, true },
        { Mechanism.CrossCall, true },
        { Mechanism.CrossCall, false },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_reference_passes_four_cpus_and_three_thousand_operations(Mechanism mechanism, bool chaos)
    {
        var reference = ImplementationCatalog.Find(mechanism, "reference");
        var options = new StressOptions
        {
            Seed = 20250611,
            // The rules the reference claims: the seed's, whose deviations are recorded, not failures.
            Rules = reference.Rules,
            Cpus = 4,
            Operations = 3000,
            Chaos = chaos,
            // Far above what the run needs: the operation count is what bounds it.
            TimeBudget = TimeSpan.FromMinutes(2),
        };

        var result = StressRunner.Run(reference, options);

        Assert.True(result.Verdict == StressVerdict.Passed, result.Report ?? result.ToString());
        Assert.Equal(CheckVerdict.Linearizable, result.Linearizability);
        Assert.True(result.OperationsDone >= 3000, $"{result}: every stream runs to its end");
        Assert.True(result.HistoryLength >= result.OperationsDone, $"{result}: every operation is in the history");
        Assert.Null(result.Failure);
        Assert.Equal($"stress:{StressReproduction.MechanismName(mechanism)}:{RuleSetNames.Qualify("reference", reference.Rules)}:20250611:4:3000:{(chaos ? 1 : 0)}", result.Reproduction);
    }

    [Fact]
    public void A_check_that_runs_out_of_steps_makes_the_run_unknown_not_passed()
    {
        var options = new StressOptions { Seed = 5, Operations = 400, Check = new CheckLimits { MaxSteps = 10 } };

        var result = StressRunner.Run(ImplementationCatalog.Find(Mechanism.Allocator, "reference"), options);

        Assert.Equal(StressVerdict.Unknown, result.Verdict);
        Assert.Equal(CheckVerdict.Unknown, result.Linearizability);
        Assert.Contains("step cap of 10", result.Report, StringComparison.Ordinal);
        Assert.Contains(result.Reproduction, result.Report, StringComparison.Ordinal);
    }
}
