using Conformance.Clauses;
using Conformance.Contracts;
using Xunit;

namespace Conformance.Implementation.Tests.Clauses;

public sealed class RuleSetNamesTests
{
    [Theory]
    [InlineData("reference", RuleSet.Kernel, "reference")]
    [InlineData("reference", RuleSet.Seed, "reference@seed")]
    [InlineData("ipi-requeue-at-tail", RuleSet.Seed, "ipi-requeue-at-tail@seed")]
    public void AnImplementationFieldRoundTrips(string name, RuleSet rules, string field)
    {
        Assert.Equal(field, RuleSetNames.Qualify(name, rules));
        Assert.Equal((name, rules), RuleSetNames.Split(field));
    }

    [Fact]
    public void TheKernelsRulesAreWrittenOutOnlyWhenAsked()
    {
        Assert.Equal(("reference", RuleSet.Kernel), RuleSetNames.Split("reference@kernel"));
        Assert.Equal("kernel", RuleSetNames.Name(RuleSet.Kernel));
    }

    [Theory]
    [InlineData("reference@")]
    [InlineData("reference@linux")]
    [InlineData("reference@Seed")]
    public void AnUnknownRuleSetIsAFormatErrorThatNamesTheChoices(string field)
    {
        var error = Assert.Throws<FormatException>(() => RuleSetNames.Split(field));
        Assert.Contains("expected kernel or seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSeedsReferencesClaimTheSeedsRulesWithTheirKnownDeviations()
    {
        var crosscall = Conformance.Catalog.ImplementationCatalog.Find(Conformance.Catalog.Mechanism.CrossCall, "reference");
        var pool = Conformance.Catalog.ImplementationCatalog.Find(Conformance.Catalog.Mechanism.Pool, "reference");
        var allocator = Conformance.Catalog.ImplementationCatalog.Find(Conformance.Catalog.Mechanism.Allocator, "reference");

        Assert.Equal(RuleSet.Seed, crosscall.Rules);
        Assert.Equal(["early-return"], crosscall.KnownDeviations);
        Assert.Equal(RuleSet.Seed, pool.Rules);
        Assert.Equal(["nr-bound"], pool.KnownDeviations);
        Assert.Equal(RuleSet.Kernel, allocator.Rules);
        Assert.Empty(allocator.KnownDeviations);
        // Every known deviation names a clause the seed reads differently.
        Assert.All(Conformance.Catalog.ImplementationCatalog.All.SelectMany(e => e.KnownDeviations),
            id => Assert.NotNull(ContractClauses.Find(id).SeedReading));
    }
}
