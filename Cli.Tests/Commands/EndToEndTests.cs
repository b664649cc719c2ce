namespace Conformance.Cli.Tests.Commands;

/// <summary>The shipped checks on the shipped implementations, through the command; bounded by case counts and seeded.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task TheCrossCallReferenceConformsToItsProperties()
    {
        var outcome = await CliHarness.Shipped().RunAsync("check", "-m", "crosscall", "--only", "properties", "--level", "quick", "--seed", "1");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Matches(@"crosscall/reference\s+properties\s+conforms\s+200 cases", outcome.Out);
    }

    [Fact]
    public async Task AMutantIsRejectedAndItsLineReplaysTheFailure()
    {
        var harness = CliHarness.Shipped();

        var check = await harness.RunAsync("check", "--impl", "ipi-no-csd-lock", "--only", "properties", "--level", "quick", "--seed", "1");

        Assert.True(check.ExitCode == 1, check.ToString());
        var line = check.Out.Split('\n').First(l => l.StartsWith("  reproduce: conformance replay prop:crosscall:ipi-no-csd-lock:", StringComparison.Ordinal));
        var reproduction = line["  reproduce: conformance replay ".Length..];

        var replay = await harness.RunAsync("replay", reproduction);

        Assert.True(replay.ExitCode == 1, replay.ToString());
        Assert.StartsWith("reproduced: crosscall/ipi-no-csd-lock at ", replay.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExplorationLineThatNamesAnUnknownScenarioIsBadInput()
    {
        var outcome = await CliHarness.Shipped().RunAsync("replay", "explore:nope(2,3):reference:random:1:0:00000000");

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("error: unknown scenario 'nope'; known: csd-lock", Assert.Single(outcome.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScenariosAreListedFromTheExplorationCheck()
    {
        var outcome = await CliHarness.Shipped().RunAsync("list", "scenarios");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"explore\s+crosscall\s+csd-lock\(\d+,\d+\)", outcome.Out);
    }
}
