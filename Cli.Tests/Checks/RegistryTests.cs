using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Tests.Fakes;

namespace Conformance.Cli.Tests.Checks;

public sealed class RegistryTests
{
    [Fact]
    public void ChecksAreOrderedByNameAndCoverageIsComputed()
    {
        var registry = new CheckRegistry([
            ScriptedCheck.Conforming("stress", Mechanism.Pool),
            ScriptedCheck.Conforming("explore", Mechanism.CrossCall, Mechanism.Pool),
        ]);

        Assert.Equal(["explore", "stress"], registry.All.Select(c => c.Name));
        Assert.Equal(["explore", "stress"], registry.For(Mechanism.Pool).Select(c => c.Name));
        Assert.Equal([Mechanism.Allocator], registry.Uncovered());
        Assert.Same(registry.All[1], registry.Find("stress"));
        Assert.Null(registry.Find("Stress"));
    }

    [Fact]
    public void TwoChecksWithOneNameAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new CheckRegistry([
            ScriptedCheck.Conforming("stress", Mechanism.Pool),
            ScriptedCheck.Conforming("stress", Mechanism.Allocator),
        ]));
        Assert.Contains("two checks are called 'stress'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoReplayersWithOnePrefixAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new ReplayRegistry([new ScriptedReplayer(), new ScriptedReplayer()]));
        Assert.Contains("two replayers own the prefix 'fake'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayDispatchesOnThePrefix()
    {
        var fake = new ScriptedReplayer();
        var other = new DiscoverableCheck();
        var registry = new ReplayRegistry([fake, other]);

        var (replayer, reproduction) = registry.Resolve("disc:17");

        Assert.Same(other, replayer);
        Assert.Equal(new Reproduction("disc", "17"), reproduction);
        Assert.Equal("; known forms: disc:<n>, fake:pass|fail", registry.KnownForms());
    }

    [Fact]
    public void DiscoveryFindsEveryAdapterOnceAndOneInstanceServesBothRoles()
    {
        var (checks, replayers) = CheckDiscovery.Discover(typeof(DiscoverableCheck).Assembly);

        var check = Assert.IsType<DiscoverableCheck>(Assert.Single(checks.All));
        Assert.Equal(["disc", "fake"], replayers.All.Select(r => r.Prefix));
        Assert.Same(check, replayers.All[0]);
    }

    [Fact]
    public void TheCommandShipsTheExplorationProgramsPropertyAndStressAdapters()
    {
        var (checks, replayers) = CheckDiscovery.BuiltIn();

        Assert.Equal(["explore", "programs", "properties", "stress"], checks.All.Select(c => c.Name));
        Assert.Equal(["explore", "program", "prop", "stress"], replayers.All.Select(r => r.Prefix));
        Assert.Same(checks.Find("programs"), replayers.All[1]);
        Assert.Same(checks.Find("stress"), replayers.All[3]);
        Assert.Empty(checks.Uncovered());
    }

    [Fact]
    public void AViolationCarriesAFailure()
    {
        Assert.Throws<ArgumentException>(() => CheckResult.Violation(1, "cases", TimeSpan.Zero));
        var result = CheckResult.Violation(1, "cases", TimeSpan.Zero, new CheckFailure("s", "r", "p:1"));
        Assert.Equal(CheckVerdict.Violation, result.Verdict);
    }
}
