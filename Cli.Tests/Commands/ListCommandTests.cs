using System.Text.Json;
using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Tests.Fakes;

namespace Conformance.Cli.Tests.Commands;

public sealed class ListCommandTests
{
    [Fact]
    public async Task ListWithoutAnArgumentShowsEverySection()
    {
        var outcome = await new CliHarness().RunAsync("list");

        Assert.Equal(0, outcome.ExitCode);
        foreach (var section in new[] { "backends:", "implementations:", "checks:", "scenarios:", "mutants:" })
        {
            Assert.Contains(section + "\n", outcome.Out, StringComparison.Ordinal);
        }
        Assert.Contains("no checks are registered yet", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackendsAreTheThreeWithOneLineEach()
    {
        var outcome = await new CliHarness().RunAsync("list", "backends");

        Assert.Equal(0, outcome.ExitCode);
        var rows = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.Equal(["sequential", "threaded", "controlled"], rows.Select(r => r.Split(' ')[0]));
    }

    [Fact]
    public async Task ImplementationsShowKindAndMirrors()
    {
        var harness = new CliHarness();
        harness.Catalog.AddRange([CliHarness.Reference, CliHarness.Mutant]);

        var all = await harness.RunAsync("list", "implementations");
        var mutants = await harness.RunAsync("list", "mutants");

        Assert.Equal(0, all.ExitCode);
        Assert.Matches(@"crosscall\s+reference\s+reference\s+kernel\s+test stand-in for the reference", all.Out);
        Assert.Matches(@"crosscall\s+lost-ipi\s+mutant\s+kernel\s+test stand-in for a mutant\s+a test commit", all.Out);
        Assert.DoesNotContain("stand-in for the reference", mutants.Out, StringComparison.Ordinal);
        Assert.Contains("lost-ipi", mutants.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChecksShowTheirMechanismsAndWhatIsNotCovered()
    {
        var harness = new CliHarness();
        harness.Checks.Add(ScriptedCheck.Conforming("properties", Mechanism.CrossCall, Mechanism.Allocator));

        var outcome = await harness.RunAsync("list", "checks");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"properties\s+allocator, crosscall\s+scripted check properties", outcome.Out);
        Assert.Contains("no check covers pool yet", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScenariosComeFromTheChecks()
    {
        var harness = new CliHarness();
        harness.Checks.Add(new ScriptedCheck("explore", (_, _) => CheckResult.Conforms(1, "schedules", TimeSpan.Zero), Mechanism.CrossCall)
        {
            Scenarios = [new CheckScenario("two-callers", Mechanism.CrossCall, "CPU0 and CPU1 call CPU2 at once")],
        });

        var outcome = await harness.RunAsync("list", "scenarios");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"explore\s+crosscall\s+two-callers\s+CPU0 and CPU1 call CPU2 at once", outcome.Out);
    }

    [Fact]
    public async Task JsonListsAreMachineReadable()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Mutant);

        var outcome = await harness.RunAsync("list", "--json");

        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.Equal(3, json.RootElement.GetProperty("backends").GetArrayLength());
        var mutant = Assert.Single(json.RootElement.GetProperty("mutants").EnumerateArray());
        Assert.Equal("lost-ipi", mutant.GetProperty("name").GetString());
        Assert.Equal("crosscall", mutant.GetProperty("mechanism").GetString());
        Assert.Equal("a test commit", mutant.GetProperty("mirrors").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("checks").GetArrayLength());
    }
}
