using System.Text.Json.Nodes;
using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Tests.Fakes;

namespace Conformance.Cli.Tests.Commands;

/// <summary>
/// The kill matrix through the command: every shipped mutant killed, every reference surviving, and
/// every kill's reproduction string replaying to the same failure. Quick level, fixed seed: bounded by
/// iteration counts.
/// </summary>
public sealed class MutantsCommandTests
{
    private static CliHarness Shipped(IEnumerable<ImplementationEntry>? catalog = null)
    {
        var harness = new CliHarness();
        var (checks, replayers) = CheckDiscovery.BuiltIn();
        harness.Checks.AddRange(checks.All);
        harness.Replayers.AddRange(replayers.All);
        harness.Catalog.AddRange(catalog ?? ImplementationCatalog.All);
        return harness;
    }

    [Theory]
    [InlineData("allocator")]
    [InlineData("pool")]
    [InlineData("crosscall")]
    public async Task EveryMutantIsKilledAndEveryKillReplaysToTheSameFailure(string mechanism)
    {
        var harness = Shipped();

        var matrix = await harness.RunAsync("mutants", "-m", mechanism, "--seed", "1", "--level", "quick", "--json");

        Assert.True(matrix.ExitCode == 0, matrix.ToString());
        var json = JsonNode.Parse(matrix.Out)!;
        Assert.True((bool)json["passed"]!);
        var cells = json["cells"]!.AsArray();
        Assert.Contains(cells, c => (string)c!["check"]! == "stress" && (string)c["unit"]! == "runs");
        var kills = cells.Where(c => (string)c!["outcome"]! == "killed").ToList();
        Assert.NotEmpty(kills);
        // No shipped mutant waits for a platform feature: each one counts, and is killed.
        Assert.DoesNotContain(cells, c => ((string)c!["outcome"]!).StartsWith("needs ", StringComparison.Ordinal));
        Assert.All(
            cells.Where(c => (bool)c!["mutant"]!).GroupBy(c => (string)c!["implementation"]!),
            row => Assert.Contains(row, c => (string)c!["outcome"]! == "killed"));
        var timesToKill = json["timeToKill"]!.AsArray();
        if (mechanism == "allocator")
        {
            Assert.Empty(timesToKill);
        }
        else
        {
            Assert.Equal(cells.Count(c => (bool)c!["mutant"]! && (string)c["check"]! == "stress"), timesToKill.Count);
        }
        foreach (var kill in kills)
        {
            var reproduction = (string)kill!["reproduction"]!;
            var replay = await harness.RunAsync("replay", reproduction);
            Assert.True(replay.ExitCode == 1, $"{kill["implementation"]} by {kill["check"]}: {reproduction}\n{replay}");
            Assert.Contains("reproduced", replay.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AMutantThatNoCheckKillsFailsTheMatrix()
    {
        var reference = ImplementationCatalog.Find(Mechanism.Pool, "reference");
        var disguised = reference with { Name = "not-really-broken", Mirrors = "a correct copy of the reference" };

        var matrix = await Shipped([reference, disguised]).RunAsync("mutants", "--seed", "1", "--level", "quick");

        Assert.True(matrix.ExitCode == 1, matrix.ToString());
        Assert.Contains("SURVIVED: mutant pool/not-really-broken was killed by no check", matrix.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMutantThatNeedsAFeatureThePlatformLacksIsShownApartNotSurvived()
    {
        var reference = ImplementationCatalog.Find(Mechanism.Pool, "reference");
        var waiting = reference with { Name = "needs-weak-memory", Mirrors = "a dropped barrier", Requires = "weak-memory" };

        var matrix = await Shipped([reference, waiting]).RunAsync("mutants", "--seed", "1", "--level", "quick");

        Assert.True(matrix.ExitCode == 0, matrix.ToString());
        Assert.Contains("needs weak-memory", matrix.Out, StringComparison.Ordinal);
        Assert.Contains("pool/needs-weak-memory: not exposable yet, it needs weak-memory", matrix.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("SURVIVED", matrix.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUndecidedCellIsNeitherAKillNorASurvival()
    {
        var harness = new CliHarness();
        harness.Catalog.AddRange([CliHarness.Reference, CliHarness.Mutant]);
        harness.Checks.Add(ScriptedCheck.Undecided("stress", Mechanism.CrossCall));
        harness.Checks.Add(new ScriptedCheck("explore", (e, _) => e.IsMutant
            ? CheckResult.Violation(2, "schedules", TimeSpan.FromMilliseconds(50), new CheckFailure("lost", "report", "explore:x")) with { Detected = TimeSpan.FromMilliseconds(20) }
            : CheckResult.Conforms(9, "schedules", TimeSpan.FromMilliseconds(40)), Mechanism.CrossCall));

        var matrix = await harness.RunAsync("mutants", "--seed", "1");

        Assert.True(matrix.ExitCode == 0, matrix.ToString());
        Assert.Matches(@"crosscall/reference\s+\(reference\)\s+survived 9\s+unknown 4", matrix.Out);
        Assert.Contains("Undecided (no violation, but the check could not decide all it ran: neither killed nor survived):", matrix.Out, StringComparison.Ordinal);
        Assert.Contains("  crosscall/reference by stress: run 2: the linearizability check could not decide", matrix.Out, StringComparison.Ordinal);
        Assert.Contains("and no check found a violation in a reference (some cells undecided, listed above)", matrix.Out, StringComparison.Ordinal);
        // The time to kill is the detection's (20ms of the cell's 50ms); what came after it is shown apart.
        Assert.Matches(@"crosscall/lost-ipi\s+killed 2 sch 20ms\s+30ms\s+undecided 4 runs 5ms\s+> 0\.25x \(stress did not kill\)", matrix.Out);
    }

    [Fact]
    public async Task TheTableHasARowPerImplementationAndAColumnPerCheck()
    {
        var matrix = await Shipped().RunAsync("mutants", "-m", "pool", "--seed", "2", "--level", "quick");

        Assert.True(matrix.ExitCode == 0, matrix.ToString());
        var header = matrix.Out.Split('\n')[0];
        foreach (var column in new[] { "implementation", "explore", "random", "pct", "dfs", "properties" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }
        Assert.Contains("pool/reference", matrix.Out, StringComparison.Ordinal);
        Assert.Contains("every exposable mutant was killed", matrix.Out, StringComparison.Ordinal);
    }
}
