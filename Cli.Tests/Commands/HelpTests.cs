using System.Text.RegularExpressions;

namespace Conformance.Cli.Tests.Commands;

public sealed class HelpTests
{
    [Fact]
    public async Task RootHelpNamesEveryCommandAndTheExitCodes()
    {
        var outcome = await new CliHarness().RunAsync("--help");

        Assert.Equal(0, outcome.ExitCode);
        foreach (var expected in new[] { "Usage:", "list", "check", "replay", "--plain", "--verbose", "Exit codes: 0 conforms" })
        {
            Assert.Contains(expected, outcome.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CheckHelpDescribesEveryOption()
    {
        var outcome = await new CliHarness().RunAsync("check", "--help");

        Assert.Equal(0, outcome.ExitCode);
        foreach (var option in new[] { "--mechanism", "--impl", "--type", "--seed", "--budget", "--level", "--only", "--json" })
        {
            var line = outcome.Out.Split('\n').Single(l => Regex.IsMatch(l, $@"^\s+(-\w, )?{option}\b"));
            // The description column follows the option's usage on the same line.
            Assert.True(line.Trim().Length > option.Length + 20, $"no description for {option}: '{line}'");
        }
    }

    [Theory]
    [InlineData("list", "backends, implementations, checks, scenarios, mutants or clauses")]
    [InlineData("replay", "<check>:<details>")]
    public async Task EveryCommandHasHelp(string command, string expected)
    {
        var outcome = await new CliHarness().RunAsync(command, "--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains(expected, outcome.Out, StringComparison.Ordinal);
    }
}
