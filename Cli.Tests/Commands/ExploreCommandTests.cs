using System.Text.Json.Nodes;
using Conformance.Catalog;

namespace Conformance.Cli.Tests.Commands;

/// <summary><c>conformance explore</c> on the shipped scenarios; bounded by iteration counts and seeded.</summary>
public sealed class ExploreCommandTests
{
    private static CliHarness Shipped()
    {
        var harness = new CliHarness();
        harness.Catalog.AddRange(ImplementationCatalog.All);
        return harness;
    }

    [Fact]
    public async Task TheReferencePassesAScenarioAndTheLineSaysHowFast()
    {
        var outcome = await Shipped().RunAsync("explore", "--scenario", "csd-lock", "-n", "100", "--seed", "1");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Matches(@"csd-lock\(2,3\) reference@seed portfolio: 100 schedules in .* points each\): no violation", outcome.Out);
    }

    [Fact]
    public async Task AnExhaustiveSearchSaysItIsComplete()
    {
        var outcome = await Shipped().RunAsync("explore", "--scenario", "csd-lock(2,2)", "--strategy", "dfs-p2", "-n", "10000");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("search complete", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViolationPrintsTheReportAndALineThatReplays()
    {
        var harness = Shipped();
        harness.Replayers.AddRange(Conformance.Cli.Checks.CheckDiscovery.BuiltIn().Replayers.All);

        var outcome = await harness.RunAsync("explore", "--impl", "ipi-no-csd-lock", "--scenario", "csd-lock", "--seed", "2", "-n", "200");

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("VIOLATION in scenario csd-lock", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("| CPU1", outcome.Out, StringComparison.Ordinal);
        var line = outcome.Out.Split('\n').First(l => l.TrimStart().StartsWith("conformance replay ", StringComparison.Ordinal)).Trim();
        var reproduction = line["conformance replay ".Length..].Trim('"');

        var replay = await harness.RunAsync("replay", reproduction);

        Assert.True(replay.ExitCode == 1, replay.ToString());
        Assert.Contains("reproduced", replay.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShardsWriteJsonThatMerges()
    {
        var harness = Shipped();
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var files = new List<string>();
            for (var shard = 0; shard < 2; shard++)
            {
                var outcome = await harness.RunAsync("explore", "--scenario", "csd-lock", "-n", "64", "--seed", "5", "--shard", $"{shard}/2", "--json");
                Assert.True(outcome.ExitCode == 0, outcome.ToString());
                var file = Path.Combine(directory.FullName, $"shard{shard}.json");
                await File.WriteAllTextAsync(file, outcome.Out);
                files.Add(file);
            }

            var merged = await harness.RunAsync(["explore", "merge", .. files]);

            Assert.True(merged.ExitCode == 0, merged.ToString());
            var scenario = Assert.Single(JsonNode.Parse(merged.Out)!.AsArray())!;
            Assert.Equal(64, (long)scenario["iterations"]!);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("explore", "--scenario", "no-such")]
    [InlineData("explore", "--scenario", "csd-lock(9,9)")]
    [InlineData("explore", "--strategy", "coyote")]
    [InlineData("explore", "--shard", "3/2")]
    [InlineData("explore", "--impl", "no-such-impl")]
    [InlineData("explore", "--impl", "reference", "--mechanism", "pool", "--scenario", "csd-lock")]
    [InlineData("explore", "merge", "/no/such/file.json")]
    public async Task BadInputIsOneClearLineAndExitTwo(params string[] args)
    {
        var outcome = await Shipped().RunAsync(args);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(outcome.ErrorLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GeneratedProgramsFindAMutantAndPrintAProgramLineThatReplays()
    {
        var outcome = await Shipped().RunAsync("explore", "--programs", "-m", "crosscall", "--impl", "ipi-no-csd-lock", "-n", "20", "--seed", "3");

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Matches(@"programs crosscall/ipi-no-csd-lock@seed: \d+ programs, \d+ schedules in .*, then shrunk and minimised in .*: VIOLATION: ", outcome.Out);
        var line = outcome.Out.Split('\n').First(l => l.TrimStart().StartsWith("conformance replay \"program:", StringComparison.Ordinal)).Trim();
        var replay = await CliHarness.Shipped().RunAsync("replay", line["conformance replay ".Length..].Trim('"'));
        Assert.True(replay.ExitCode == 1, replay.ToString());
        Assert.StartsWith("reproduced: ", replay.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeneratedProgramsTakeNoScenario()
    {
        var outcome = await Shipped().RunAsync("explore", "--programs", "--scenario", "csd-lock");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--programs explores generated programs: it takes no --scenario, --shard or --json", outcome.Error, StringComparison.Ordinal);
    }
}
