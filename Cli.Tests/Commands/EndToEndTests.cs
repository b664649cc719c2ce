namespace Conformance.Cli.Tests.Commands;

/// <summary>The shipped checks on the shipped implementations, through the command; bounded by case counts and seeded.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task TheCrossCallReferenceConformsToItsProperties()
    {
        var outcome = await CliHarness.Shipped().RunAsync("check", "-m", "crosscall", "--only", "properties", "--level", "quick", "--seed", "1");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Matches(@"crosscall/reference\s+properties\s+seed\s+conforms\s+200 cases", outcome.Out);
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

    [Theory]
    [InlineData("allocator")]
    [InlineData("pool")]
    [InlineData("crosscall")]
    public async Task TheReferenceConformsUnderStress(string mechanism)
    {
        var outcome = await CliHarness.Shipped().RunAsync("check", "-m", mechanism, "--impl", "reference", "--only", "stress", "--level", "quick", "--seed", "3");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        if (mechanism == "allocator")
        {
            Assert.Matches(@"allocator/reference\s+stress\s+kernel\s+conforms\s+6 runs", outcome.Out);
            Assert.EndsWith("conforms: 1 check runs, no violation (seed 3)\n", outcome.Out, StringComparison.Ordinal);
            return;
        }
        // Held to the seed's rules, which it claims: its known deviation from the kernel's shows as
        // "deviates" when the threads' timing came across it, never as a violation.
        Assert.Matches($@"{mechanism}/reference\s+stress\s+seed\s+(conforms|deviates)\s+6 runs", outcome.Out);
        Assert.DoesNotContain("VIOLATION", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("no violation", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStressKillPrintsItsReportAndItsLineReplaysIt()
    {
        var harness = CliHarness.Shipped();

        // Standard: up to 30 runs; pool-alloc-unlocked failed 7 of 8 quick runs when measured.
        var check = await harness.RunAsync("check", "-m", "pool", "--impl", "pool-alloc-unlocked", "--only", "stress", "--seed", "1");

        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Matches(@"pool/pool-alloc-unlocked\s+stress\s+seed\s+VIOLATION\s+\d+ runs", check.Out);
        Assert.Contains("\n    linearizability: ", check.Out, StringComparison.Ordinal);
        // The test suites do not re-run stress lines from the environment: only the command is offered.
        Assert.DoesNotContain("CONFORMANCE_REPLAY=stress:", check.Out, StringComparison.Ordinal);
        var line = check.Out.Split('\n').First(l => l.StartsWith("  reproduce: conformance replay stress:pool:pool-alloc-unlocked@seed:", StringComparison.Ordinal));
        var reproduction = line["  reproduce: conformance replay ".Length..];

        var replay = await harness.RunAsync("replay", reproduction);

        Assert.True(replay.ExitCode == 1, replay.ToString());
        Assert.StartsWith("reproduced: attempt ", replay.Out, StringComparison.Ordinal);
        Assert.Matches(@"note: failed again on attempt \d+ of at most \d+\. A stress line re-runs the same operation streams and chaos choices, not the threads' timing\.", replay.Out);
        Assert.Contains("pool-refill, pool-fill-empty", replay.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stress:pool:reference:1:4", "error: 'stress:pool:reference:1:4' is not a stress reproduction string; expected stress:<mechanism>:<impl-name>:<seed>:<cpus>:<ops>:<chaos 0|1>")]
    [InlineData("stress:pool:reference:-1:4:1000:1", "error: '-1' is not a seed (a non-negative integer); expected stress:<mechanism>:<impl-name>:<seed>:<cpus>:<ops>:<chaos 0|1>")]
    [InlineData("stress:pool:nope:1:4:1000:1", "error: no Pool implementation called 'nope' in the catalog or a loaded assembly; for your own type give --impl <path.dll> --type <Full.Type.Name>")]
    public async Task AStressLineThatCannotBeReadIsBadInput(string line, string error)
    {
        var outcome = await CliHarness.Shipped().RunAsync("replay", line);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(error, Assert.Single(outcome.ErrorLines));
    }

    [Fact]
    public async Task ScenariosAreListedFromTheExplorationCheck()
    {
        var outcome = await CliHarness.Shipped().RunAsync("list", "scenarios");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"explore\s+crosscall\s+csd-lock\(\d+,\d+\)", outcome.Out);
    }
}
