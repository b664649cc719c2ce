using System.Text.Json;
using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Tests.Fakes;

namespace Conformance.Cli.Tests.Commands;

public sealed class CheckCommandTests
{
    [Fact]
    public async Task WithNothingRegisteredItSaysSoAndExitsZero()
    {
        var outcome = await new CliHarness().RunAsync("check");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("note: the catalog has no allocator reference implementation yet", outcome.Out, StringComparison.Ordinal);
        Assert.EndsWith("no checks are registered yet: nothing was checked.\n", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithChecksButNoImplementationItSaysSo()
    {
        var harness = new CliHarness();
        harness.Checks.Add(ScriptedCheck.Conforming("properties", Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check");

        Assert.Equal(0, outcome.ExitCode);
        Assert.EndsWith("no implementation to check: nothing was checked.\n", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAReferenceButNoChecksItSaysNoChecksAreRegistered()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);

        var outcome = await harness.RunAsync("check");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("implementations: crosscall/reference", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("no checks are registered yet: nothing was checked.", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConformingRunPrintsATableAndExitsZero()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);
        harness.Checks.Add(ScriptedCheck.Conforming("properties", Mechanism.CrossCall, Mechanism.Allocator));

        var outcome = await harness.RunAsync("check", "--seed", "42");

        Assert.Equal(0, outcome.ExitCode);
        var row = outcome.Out.Split('\n').Single(l => l.StartsWith("crosscall/reference", StringComparison.Ordinal));
        Assert.Contains("properties", row, StringComparison.Ordinal);
        Assert.Contains("conforms", row, StringComparison.Ordinal);
        Assert.Contains("7 cases", row, StringComparison.Ordinal);
        Assert.Contains("not covered yet: no check covers pool", outcome.Out, StringComparison.Ordinal);
        Assert.EndsWith("conforms: 1 check runs, no violation (seed 42)\n", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViolationPrintsItsReportAndReproductionAndExitsOne()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);
        harness.Checks.Add(ScriptedCheck.Failing("explore", "explore:crosscall/reference:seed=9", Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("VIOLATION", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("failure 1: explore on crosscall/reference: reference lost an IPI", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("    CPU1: (never ran func)", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("  reproduce: conformance replay explore:crosscall/reference:seed=9\n", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("or: CONFORMANCE_REPLAY=explore:crosscall/reference:seed=9 dotnet test -c Release", outcome.Out, StringComparison.Ordinal);
        // Progress goes to stderr, so stdout stays the report.
        Assert.Contains("running explore on crosscall/reference (budget 10s)", outcome.ErrorLines);
        Assert.Contains(outcome.ErrorLines, l => l.StartsWith("finished explore on crosscall/reference: VIOLATION (3 cases) in ", StringComparison.Ordinal));
        Assert.DoesNotContain("running", outcome.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--plain", "check")]
    [InlineData("check", "--plain")]
    public async Task PlainIsAcceptedBeforeOrAfterTheCommand(string first, string second)
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);

        var outcome = await harness.RunAsync(first, second);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("no checks are registered yet", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUndecidedCheckIsNeitherAPassNorAFailAndExitsFour()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);
        harness.Checks.Add(ScriptedCheck.Undecided("stress", Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check", "--seed", "5");

        Assert.Equal(4, outcome.ExitCode);
        Assert.Matches(@"crosscall/reference\s+stress\s+kernel\s+UNKNOWN\s+4 runs", outcome.Out);
        Assert.Contains("unknown: stress on crosscall/reference: run 2: the linearizability check could not decide the history", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("  run it again: conformance replay stress:crosscall:reference:9:4:90000:1", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("conforms", outcome.Out, StringComparison.Ordinal);
        Assert.EndsWith("UNKNOWN: no violation, but 1 of 1 check runs could not decide all they ran: neither a pass nor a fail (seed 5)\n", outcome.Out, StringComparison.Ordinal);

        var json = JsonDocument.Parse((await harness.RunAsync("check", "--seed", "5", "--json")).Out).RootElement;
        Assert.Equal("unknown", json.GetProperty("verdict").GetString());
        Assert.Equal("unknown", json.GetProperty("runs")[0].GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task AFailureWithoutAReproductionTellsHowToRerunIt()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);
        harness.Checks.Add(new ScriptedCheck(
            "properties",
            (_, _) => CheckResult.Violation(300, "cases", TimeSpan.Zero, new CheckFailure("coverage too low", "no IPI was ever delivered", null)),
            Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check", "--seed", "11");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("  rerun: conformance check --seed 11 --only properties -m crosscall --impl reference\n", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("conformance replay", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViolationOfAUserTypeTellsHowToReplayIt()
    {
        var harness = new CliHarness();
        harness.Checks.Add(ScriptedCheck.Failing("explore", "explore:x y", Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check", "--impl", CliHarness.TestAssembly, "--type", typeof(DirectCrossCall).FullName!);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(
            $"reproduce: conformance replay 'explore:x y' --impl {CliHarness.TestAssembly} --type {typeof(DirectCrossCall).FullName}",
            outcome.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOptionsReachTheCheck()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);
        harness.Catalog.Add(CliHarness.Mutant);
        var check = ScriptedCheck.Conforming("stress", Mechanism.CrossCall);
        harness.Checks.Add(check);

        var outcome = await harness.RunAsync("check", "-m", "crosscall", "--impl", "lost-ipi", "--seed", "18446744073709551615", "--budget", "2m", "--level", "quick");

        Assert.Equal(0, outcome.ExitCode);
        var (implementation, options) = Assert.Single(check.Calls);
        Assert.Same(CliHarness.Mutant, implementation);
        Assert.Equal(new CheckOptions(TimeSpan.FromMinutes(2), ulong.MaxValue, CheckLevel.Quick), options);
    }

    [Fact]
    public async Task WithoutASeedAFreshOneIsChosenAndPrinted()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);
        var check = ScriptedCheck.Conforming("stress", Mechanism.CrossCall);
        harness.Checks.Add(check);

        var outcome = await harness.RunAsync("check");

        var seed = Assert.Single(check.Calls).Options.Seed;
        Assert.Contains($"conformance check: seed {seed}, budget 10s per check, level standard", outcome.Out, StringComparison.Ordinal);
        Assert.Contains($"(seed {seed})", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyRunsTheNamedCheckAndChecksSkipMechanismsTheyDoNotCover()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);
        var properties = ScriptedCheck.Conforming("properties", Mechanism.CrossCall);
        var stress = ScriptedCheck.Conforming("stress", Mechanism.CrossCall);
        var poolOnly = ScriptedCheck.Conforming("pool-only", Mechanism.Pool);
        harness.Checks.AddRange([properties, stress, poolOnly]);

        var all = await harness.RunAsync("check");
        var one = await harness.RunAsync("check", "--only", "stress");

        Assert.Equal(0, all.ExitCode);
        Assert.Equal(0, one.ExitCode);
        Assert.Single(properties.Calls);
        Assert.Equal(2, stress.Calls.Count);
        Assert.Empty(poolOnly.Calls);
    }

    [Fact]
    public async Task ACheckThatCrashesIsAnInternalErrorWithoutAStackTraceUnlessVerbose()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);
        harness.Checks.Add(new ScriptedCheck("explore", (_, _) => throw new InvalidOperationException("scheduler lost its baton"), Mechanism.CrossCall));

        var quiet = await harness.RunAsync("check");
        var verbose = await harness.RunAsync("check", "--verbose");

        Assert.Equal(3, quiet.ExitCode);
        Assert.Contains("error: explore crashed on crosscall/reference: InvalidOperationException: scheduler lost its baton", quiet.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", quiet.Out + quiet.Error, StringComparison.Ordinal);
        Assert.Equal(3, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonCarriesTheVerdictTheRunsAndTheReproduction()
    {
        var harness = new CliHarness();
        harness.Catalog.Add(CliHarness.Reference);
        harness.Checks.Add(ScriptedCheck.Failing("explore", "explore:crosscall/reference:seed=9", Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check", "--json", "--seed", "5");

        Assert.Equal(1, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Out);
        var root = json.RootElement;
        Assert.Equal("violation", root.GetProperty("verdict").GetString());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(5UL, root.GetProperty("seed").GetUInt64());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        Assert.Equal("crosscall/reference", run.GetProperty("implementation").GetString());
        Assert.Equal("violation", run.GetProperty("verdict").GetString());
        Assert.Equal(
            "explore:crosscall/reference:seed=9",
            Assert.Single(run.GetProperty("failures").EnumerateArray()).GetProperty("reproduction").GetString());
    }

    [Fact]
    public async Task JsonSaysWhenNothingWasChecked()
    {
        var outcome = await new CliHarness().RunAsync("check", "--json");

        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.Equal("nothing-checked", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("notes").GetArrayLength());
    }
}
