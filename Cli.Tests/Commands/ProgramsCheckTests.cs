namespace Conformance.Cli.Tests.Commands;

/// <summary>The programs check through the command: a mutant rejected with a program: line that replays; bad lines are bad input.</summary>
public sealed class ProgramsCheckTests
{
    private const string Reproduce = "  reproduce: conformance replay '";

    [Fact]
    public async Task AMutantIsRejectedOnASmallProgramAndItsLineReplaysTheFailure()
    {
        var harness = CliHarness.Shipped();

        var check = await harness.RunAsync("check", "--impl", "alloc-align-ignored", "--only", "programs", "--level", "quick", "--seed", "1");

        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("VIOLATION in generated allocator program", check.Out, StringComparison.Ordinal);
        var line = check.Out.Split('\n').First(l => l.StartsWith(Reproduce + "program:allocator:alloc-align-ignored:", StringComparison.Ordinal));
        var reproduction = line[Reproduce.Length..].TrimEnd('\r').TrimEnd('\'');

        var replay = await harness.RunAsync("replay", reproduction);

        Assert.True(replay.ExitCode == 1, replay.ToString());
        Assert.StartsWith("reproduced: ", replay.Out, StringComparison.Ordinal);
        Assert.Contains("placement", replay.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("program:crosscall:reference:0:cs9;1::random:1:2:0000abcd", "CPU9 is not one of the program's CPUs")]
    [InlineData("program:crosscall:reference:0:cs1", "expected program:<mechanism>")]
    [InlineData("program:pool:reference:0:a;1::random:1:2:0000abcd", "ipi-no-csd-lock implements CrossCall")]
    public async Task AMalformedProgramLineIsBadInputThatSaysWhy(string text, string expected)
    {
        var outcome = await CliHarness.Shipped().RunAsync("replay", text, "--impl", "ipi-no-csd-lock");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error, StringComparison.Ordinal);
    }
}
