namespace Conformance.Cli.Tests.Commands;

public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("check --frob", "Unrecognized command or argument '--frob'")]
    [InlineData("frob", "Unrecognized command or argument 'frob'")]
    [InlineData("", "Required command was not provided")]
    [InlineData("check --mechanism foo", "unknown mechanism 'foo'; expected one of: allocator, pool, crosscall")]
    [InlineData("check --seed abc", "--seed takes a whole number")]
    [InlineData("check --seed -1", "--seed takes a whole number")]
    [InlineData("check --budget 0", "the budget '0' is zero")]
    [InlineData("check --budget soon", "'soon' is not a duration")]
    [InlineData("check --budget 25h", "longer than a day")]
    [InlineData("check --level deep", "unknown level 'deep'")]
    [InlineData("list foo", "Argument 'foo' not recognized")]
    [InlineData("check --rules linux", "--rules: 'linux' is not a rule set; expected kernel or seed")]
    [InlineData("explore --rules Seed", "--rules: 'Seed' is not a rule set; expected kernel or seed")]
    public async Task BadOptionsAreOneErrorLineAndExitTwo(string args, string message)
    {
        var outcome = await new CliHarness().RunAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("", outcome.Out);
        Assert.Equal(2, outcome.ErrorLines.Count);
        Assert.StartsWith("error: ", outcome.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains(message, outcome.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("--help' for usage", outcome.ErrorLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownImplementationNameListsTheKnownOnes()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);

        var outcome = await harness.RunAsync("check", "--impl", "nope");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(["error: no implementation called 'nope' (known: crosscall/reference); to check your own, give --impl <path.dll> --type <Full.Type.Name>"], outcome.ErrorLines);
    }

    [Fact]
    public async Task TypeWithoutAnAssemblyIsBadUsage()
    {
        var outcome = await new CliHarness().RunAsync("check", "--type", "My.Allocator");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--type needs --impl <path.dll>", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMechanismWithoutAReferenceIsBadUsageWhenAskedFor()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);

        var outcome = await harness.RunAsync("check", "--mechanism", "pool");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no pool reference implementation", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCheckIsBadUsage()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);
        harness.Checks.Add(Fakes.ScriptedCheck.Conforming("properties", Catalog.Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check", "--only", "nope");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no check called 'nope'; registered: properties", outcome.Error, StringComparison.Ordinal);
    }
}
