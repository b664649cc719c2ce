using Conformance.Clauses;
using Conformance.Contracts;
using Xunit;

namespace Conformance.Implementation.Tests.Clauses;

public sealed class RuleBookTests
{
    [Fact]
    public void UnderTheKernelsRulesAClauseBrokenForTheKernelIsBrokenEvenWhereTheSeedAllowsIt()
    {
        var book = new RuleBook(RuleSet.Kernel);

        var verdict = book.Judge(ContractClauses.EarlyReturn, holdsForKernel: false, holdsForSeed: true, "R1 returned early");

        Assert.Equal(ClauseVerdict.Broken, verdict);
        Assert.Empty(book.Deviations);
    }

    [Fact]
    public void UnderTheSeedsRulesAClauseBrokenOnlyForTheKernelIsADeviationRecordedWithItsMessage()
    {
        var book = new RuleBook(RuleSet.Seed);

        var verdict = book.Judge(ContractClauses.NrBound, holdsForKernel: false, holdsForSeed: true, "nr 3 above high 2");

        Assert.Equal(ClauseVerdict.Deviates, verdict);
        var deviation = Assert.Single(book.Deviations);
        Assert.Equal("nr-bound", deviation.Clause.Id);
        Assert.Equal("nr-bound: nr 3 above high 2", deviation.ToString());
    }

    [Fact]
    public void UnderTheSeedsRulesAClauseBrokenForBothIsBroken()
    {
        var book = new RuleBook(RuleSet.Seed);

        Assert.Equal(ClauseVerdict.Broken, book.Judge(ContractClauses.EarlyReturn, false, false, "no target ran R1"));
        Assert.Empty(book.Deviations);
    }

    [Fact]
    public void AClauseTheSeedReadsAlikeIsNeverADeviation()
    {
        var book = new RuleBook(RuleSet.Seed);

        // lost-call has no seed reading: what the seed "allows" does not matter.
        Assert.Null(ContractClauses.LostCall.SeedReading);
        Assert.Equal(ClauseVerdict.Broken, book.Judge(ContractClauses.LostCall, holdsForKernel: false, holdsForSeed: true, "lost"));
        Assert.Equal(ClauseVerdict.Holds, book.Judge(ContractClauses.LostCall, holds: true, "fine"));
        Assert.Empty(book.Deviations);
    }

    [Fact]
    public void OnlyTheWaitAndThePoolBoundHaveASeedReading()
    {
        var differing = ContractClauses.All.Where(c => c.SeedReading is not null).Select(c => c.Id).ToArray();

        Assert.Equal(["early-return", "nr-bound"], differing);
    }

    [Fact]
    public void ClauseIdsAreUniqueAndFoundByName()
    {
        Assert.Equal(ContractClauses.All.Count, ContractClauses.All.Select(c => c.Id).Distinct().Count());
        Assert.Same(ContractClauses.Enxio, ContractClauses.Find("enxio"));
        var error = Assert.Throws<ArgumentException>(() => ContractClauses.Find("no-such-clause"));
        Assert.Contains("known: lost-call, ran-twice", error.Message, StringComparison.Ordinal);
    }
}
