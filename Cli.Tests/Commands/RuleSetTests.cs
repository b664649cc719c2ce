using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Tests.Fakes;
using Conformance.Contracts;

namespace Conformance.Cli.Tests.Commands;

/// <summary>
/// <c>--rules</c> and <c>--strict</c>: which rule set each implementation is held to, and how a
/// deviation from the kernel's rules is reported (neither a pass nor a violation, with its line).
/// </summary>
public sealed class RuleSetTests
{
    private static readonly ImplementationEntry SeedReference = CliHarness.Reference with
    {
        Rules = RuleSet.Seed,
        KnownDeviations = ["early-return"],
    };

    [Fact]
    public async Task EachImplementationIsHeldToTheRulesItClaimsUnlessTold()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(SeedReference);
        var check = ScriptedCheck.Conforming("explore", Mechanism.CrossCall);
        harness.Checks.Add(check);

        await harness.RunAsync("check", "--seed", "1");
        await harness.RunAsync("check", "--seed", "1", "--rules", "kernel");

        Assert.Equal([RuleSet.Seed, RuleSet.Kernel], check.Calls.Select(c => c.Options.RulesFor(c.Implementation)));
    }

    [Fact]
    public async Task AKnownDeviationIsListedWithItsKernelLineAndTheRunExitsZeroWithoutSayingItConforms()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(SeedReference);
        harness.Checks.Add(ScriptedCheck.Deviating("explore", "early-return", "explore:requeue-at-head-wait(4,2):reference:pct:1:7:0badf00d", Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check", "--seed", "4");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("rules as each implementation claims", outcome.Out, StringComparison.Ordinal);
        Assert.Matches(@"crosscall/reference\s+explore\s+seed\s+deviates\s+5 schedules", outcome.Out);
        Assert.Contains("known deviation: explore on crosscall/reference breaks early-return under the kernel's rules (held to the seed's): R2 (call_many", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("  under the kernel's rules: conformance replay 'explore:requeue-at-head-wait(4,2):reference:pct:1:7:0badf00d'", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("conforms to the seed's rules, not to the kernel's: 1 check runs, no violation; deviates from the kernel's rules in early-return", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\nconforms: ", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJsonSaysDeviatesWithEachDeviationsClauseAndLine()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(SeedReference);
        harness.Checks.Add(ScriptedCheck.Deviating("explore", "early-return", "explore:x(4,2):reference:pct:1:7:0badf00d", Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check", "--seed", "4", "--json");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("\"verdict\": \"deviates\"", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("\"rules\": \"seed\"", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("\"clause\": \"early-return\"", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("\"known\": true", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrictReachesTheChecksForAUsersImplementation()
    {
        var harness = new CliHarness();
        var check = ScriptedCheck.Conforming("properties", Mechanism.CrossCall);
        harness.Checks.Add(check);

        await harness.RunAsync("check", "--impl", CliHarness.TestAssembly, "--type", typeof(DirectCrossCall).FullName!, "--strict");
        await harness.RunAsync("check", "--impl", CliHarness.TestAssembly, "--type", typeof(DirectCrossCall).FullName!);

        Assert.Equal([true, false], check.Calls.Select(c => c.Options.Strict));
    }

    [Fact]
    public async Task TheStrictLevelHoldsTheSampleToTheSeedsQueuesAsWell()
    {
        var harness = CliHarness.Shipped();

        var contract = await harness.RunAsync("check", "--impl", CliHarness.SampleAssembly, "--only", "properties", "--level", "quick", "--seed", "2");
        var strict = await harness.RunAsync("check", "--impl", CliHarness.SampleAssembly, "--only", "properties", "--level", "quick", "--seed", "2", "--strict");

        Assert.Matches(@"properties\s+kernel\s+conforms\s+100 cases", contract.Out);
        Assert.Contains(", strict", strict.Out, StringComparison.Ordinal);
        // The strict level runs as well: more cases, whatever its verdict on a design that is not the seed's.
        Assert.Matches(@"properties\s+kernel\s+\S+\s+(1\d\d|200) cases", strict.Out);
    }

    [Fact]
    public async Task ListClausesNamesEveryClauseAndTheTwoTheSeedReadsDifferently()
    {
        var outcome = await CliHarness.Shipped().RunAsync("list", "clauses");

        Assert.Equal(0, outcome.ExitCode);
        Assert.All(Conformance.Clauses.ContractClauses.All, c => Assert.Contains($" {c.Id} ", outcome.Out, StringComparison.Ordinal));
        Assert.Matches(@"crosscall\s+early-return\s+.*\s+a waiting call_many returns after the last target", outcome.Out);
        Assert.Matches(@"pool\s+reference\s+reference\s+seed \(deviates: nr-bound\)", (await CliHarness.Shipped().RunAsync("list", "implementations")).Out);
    }

    [Fact]
    public async Task AKnownDeviationNoCheckCameAcrossIsSaidNotTakenForConformance()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(SeedReference);
        harness.Checks.Add(new ScriptedCheck("explore", (e, o) => CheckResult.Conforms(5, "schedules", TimeSpan.FromMilliseconds(5)) with { Rules = o.RulesFor(e) }, Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check", "--seed", "4");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"crosscall/reference\s+explore\s+seed\s+conforms", outcome.Out);
        Assert.Contains("note: crosscall/reference claims the seed's rules and is known to break early-return under the kernel's; no check came across it in this run", outcome.Out, StringComparison.Ordinal);
    }
}
