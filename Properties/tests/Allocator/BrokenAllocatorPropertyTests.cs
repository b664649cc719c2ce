using Conformance.Implementation.Tests.Allocator.Broken;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Properties.Tests.Allocator;

/// <summary>
/// The allocator property rejects a one-line defect against each clause, naming the clause; the three
/// defects in the bitmap's word arithmetic only show over a reserve of several words.
/// </summary>
public sealed class BrokenAllocatorPropertyTests(ITestOutputHelper output)
{
    public static TheoryData<Type, string> Variants => new()
    {
        { typeof(SetMapOneShort), "overlap" },
        { typeof(ZeroesUnitsNotBytes), "zeroed" },
        { typeof(BigNotZeroed), "zeroed" },
        { typeof(AlignCappedAt16), "placement" },
        { typeof(ExactFitRefused), "null-only-when-full" },
        { typeof(FreeZeroSizeThrows), "zero-size" },
        { typeof(HugeAlignClamped), "bad-input" },
        { typeof(FreeUnmarksOneUnit), "shadow" },
        { typeof(RunIgnoresWordEnd), "overlap|null-only-when-full" },
        { typeof(WholeWordMaskOverflows), "overlap|null-only-when-full" },
        { typeof(ScanStopsBeforeLastWord), "null-only-when-full|overlap" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_property_rejects_the_defect_naming_its_clause(Type variant, string clauses)
    {
        var result = ConformanceCheck.Property(variant, ConformanceLevel.Contract, new PropertyRunOptions { EnforceCoverage = false });
        output.WriteLine(result.Describe());

        var failure = Assert.IsType<PropertyFailure>(result.Failure);
        Assert.True(clauses.Split('|').Contains(failure.Check), result.Describe());
    }
}
