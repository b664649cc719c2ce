using Conformance.Cli.Tests.Fakes;

namespace Conformance.Cli.Tests.Commands;

public sealed class ReplayCommandTests
{
    private static CliHarness WithFakeReplayer(out ScriptedReplayer replayer)
    {
        var harness = new CliHarness();
        replayer = new ScriptedReplayer();
        harness.Replayers.Add(replayer);
        return harness;
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("   ")]
    [InlineData(":details")]
    [InlineData("Prop:1")]
    [InlineData("prop:")]
    public async Task AMalformedStringIsBadInputAndShowsTheExpectedForm(string text)
    {
        var outcome = await WithFakeReplayer(out _).RunAsync("replay", text);

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("<check>:<details>", line, StringComparison.Ordinal);
        Assert.Contains("known forms: fake:pass|fail", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPrefixIsBadInputAndShowsTheKnownForms()
    {
        var outcome = await WithFakeReplayer(out _).RunAsync("replay", "prop:seed=1");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(
            ["error: no check prints reproduction strings starting with 'prop:'; known forms: fake:pass|fail"],
            outcome.ErrorLines);
    }

    [Fact]
    public async Task WithNoReplayersRegisteredTheMessageSaysSo()
    {
        var outcome = await new CliHarness().RunAsync("replay", "explore:1");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no check that prints reproduction strings is registered yet", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailsTheReplayerCannotReadAreBadInput()
    {
        var outcome = await WithFakeReplayer(out _).RunAsync("replay", "fake:garbled");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error: malformed fake string 'fake:garbled'; expected fake:pass|fail", outcome.ErrorLines);
    }

    [Fact]
    public async Task AReproducedFailureExitsOneWithItsReport()
    {
        var outcome = await WithFakeReplayer(out var replayer).RunAsync("replay", "fake:fail");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("reproduced: entry re-used while CPU1 still reads it", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("    CPU0 | CPU1", outcome.Out, StringComparison.Ordinal);
        Assert.Null(replayer.LastContext!.Implementation);
    }

    [Fact]
    public async Task AFailureThatDoesNotShowExitsZeroAndSaysSo()
    {
        var outcome = await WithFakeReplayer(out _).RunAsync("replay", "fake:pass");

        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith("did not reproduce: 1 cases ran without a violation", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImplGivesTheReplayerTheUsersType()
    {
        var outcome = await WithFakeReplayer(out var replayer).RunAsync(
            "replay", "fake:fail", "--impl", CliHarness.TestAssembly, "--type", typeof(DirectCrossCall).FullName!);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(typeof(DirectCrossCall), replayer.LastContext!.Implementation!.Type);
    }

    [Fact]
    public async Task AMissingStringIsBadUsage()
    {
        var outcome = await WithFakeReplayer(out _).RunAsync("replay");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("Required argument missing", outcome.Error, StringComparison.Ordinal);
    }
}
