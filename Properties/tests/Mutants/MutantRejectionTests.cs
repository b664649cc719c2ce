using Conformance.Catalog;
using Conformance.Mutants;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Properties.Tests;

/// <summary>
/// The properties bite: each mutant (one kernel-history defect) is rejected with a reproduction line,
/// and replaying that line reports the same failure on the same minimal sequence.
/// </summary>
public sealed class MutantRejectionTests(ITestOutputHelper output)
{
    public static TheoryData<Type, ConformanceLevel> Mutants => new()
    {
        { typeof(AllocFirstFreeStale), ConformanceLevel.Contract },
        { typeof(AllocFirstFreeStale), ConformanceLevel.Strict },
        { typeof(AllocFirstFreeSkipsHole), ConformanceLevel.Contract },
        { typeof(AllocFirstFreeSkipsHole), ConformanceLevel.Strict },
        { typeof(AllocAlignIgnored), ConformanceLevel.Contract },
        { typeof(AllocByteUnitConfusion), ConformanceLevel.Contract },
        { typeof(AllocScanPastEnd), ConformanceLevel.Contract },
        { typeof(AllocZeroThisCpuOnly), ConformanceLevel.Contract },
        { typeof(AllocDoubleFreeSilent), ConformanceLevel.Contract },
        { typeof(AllocFreeNullThrows), ConformanceLevel.Contract },
        { typeof(PoolNoRefillWhenEmpty), ConformanceLevel.Contract },
        { typeof(PoolWatermarkOffByOne), ConformanceLevel.Strict },
        { typeof(PoolChainSlotMismatch), ConformanceLevel.Contract },
        { typeof(IpiNoCsdLock), ConformanceLevel.Contract },
        { typeof(IpiNoCsdLock), ConformanceLevel.Strict },
    };

    /// <summary>The check each mutant must fail (the first rule its defect breaks), by mutant and level.</summary>
    public static TheoryData<Type, ConformanceLevel, string> Checks => new()
    {
        { typeof(AllocFirstFreeSkipsHole), ConformanceLevel.Contract, "null-only-when-full" },
        { typeof(AllocFirstFreeSkipsHole), ConformanceLevel.Strict, "cpu_alloc first fit (first_free rule)" },
        { typeof(AllocAlignIgnored), ConformanceLevel.Contract, "placement" },
        { typeof(AllocByteUnitConfusion), ConformanceLevel.Contract, "placement" },
        { typeof(AllocZeroThisCpuOnly), ConformanceLevel.Contract, "zeroed" },
        { typeof(AllocDoubleFreeSilent), ConformanceLevel.Contract, "bad-input" },
        { typeof(AllocFreeNullThrows), ConformanceLevel.Contract, "zero-size" },
        { typeof(PoolChainSlotMismatch), ConformanceLevel.Contract, "alloc takes exactly the element it returns" },
    };

    [Theory]
    [MemberData(nameof(Mutants))]
    public void Mutant_is_rejected_and_its_line_replays_the_same_failure(Type mutant, ConformanceLevel level)
    {
        var entry = ImplementationCatalog.Describe(mutant);
        Assert.True(entry.IsMutant);

        var result = ConformanceCheck.Property(mutant, level, new PropertyRunOptions());
        output.WriteLine(result.Describe());
        Assert.False(result.Passed);
        var failure = Assert.IsType<PropertyFailure>(result.Failure);
        var line = Reproduction.Parse(failure.Reproduction);
        Assert.Equal(entry.Mechanism, line.Mechanism);
        Assert.Equal(entry.Name, line.Implementation);
        Assert.Equal(level, line.Level);

        var replayed = PropertyReplay.Run(failure.Reproduction);
        output.WriteLine("replayed:\n" + replayed.Describe());
        var again = Assert.IsType<PropertyFailure>(replayed.Failure);
        Assert.Equal(1, replayed.Cases);
        Assert.Equal(failure.Reproduction, again.Reproduction);
        Assert.Equal(failure.Check, again.Check);
        Assert.Equal(failure.Sequence, again.Sequence);
        Assert.Equal(failure.Step, again.Step);
    }

    [Theory]
    [MemberData(nameof(Checks))]
    public void Mutant_fails_the_rule_its_defect_breaks(Type mutant, ConformanceLevel level, string check)
    {
        var result = ConformanceCheck.Property(mutant, level, new PropertyRunOptions());

        var failure = Assert.IsType<PropertyFailure>(result.Failure);
        Assert.True(check == failure.Check, result.Describe());
    }

    [Fact]
    public void Scan_past_end_runs_off_the_area_the_shadow_map_guards()
    {
        var result = ConformanceCheck.Property(typeof(AllocScanPastEnd), ConformanceLevel.Contract, new PropertyRunOptions());

        var failure = Assert.IsType<PropertyFailure>(result.Failure);
        Assert.True(failure.Check == "placement", result.Describe());
        Assert.Contains("outside the", failure.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Watermark_off_by_one_keeps_every_safety_rule()
    {
        // Only the seed's exact refill trigger tells it apart: the contract level accepts it.
        var result = ConformanceCheck.Property(typeof(PoolWatermarkOffByOne), ConformanceLevel.Contract, new PropertyRunOptions { MaxTest = 100, EnforceCoverage = false });
        Assert.True(result.Passed, result.Describe());
    }
}
