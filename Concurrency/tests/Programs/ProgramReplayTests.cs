using Conformance.Catalog;
using Conformance.Concurrency.Controlled;
using Conformance.Concurrency.Programs;
using Conformance.Concurrency.Reports;
using Xunit;

namespace Conformance.Concurrency.Tests.Programs;

/// <summary>Program reproduction strings: their form, their errors, and replay from the environment.</summary>
public sealed class ProgramReplayTests
{
    private const string Known = "program:crosscall:ipi-unlock-before-copy@seed:0:cs1,cs1;1::guided@2.0:16422361217988886490:2:5865c4d2";

    [Fact]
    public void A_line_reads_back_as_written_with_the_program_in_the_middle()
    {
        var line = ProgramReproduction.Parse(Known);

        Assert.Equal(Mechanism.CrossCall, line.Mechanism);
        Assert.Equal("ipi-unlock-before-copy@seed", line.Implementation);
        Assert.Equal("0:cs1,cs1;1:", line.Program.ToString());
        Assert.Equal("guided@2.0", line.Strategy);
        Assert.Equal(Known, line.ToString());
    }

    [Theory]
    [InlineData("explore:csd-lock(2,3):reference:random:1:2:0000abcd", "not a program reproduction string")]
    [InlineData("program:crosscall:reference:0:cs1;1::random:1:2", "not a trace hash")]
    [InlineData("program:cpus:reference:0:cs1;1::random:1:2:0000abcd", "not a mechanism")]
    [InlineData("program:crosscall:reference:0:cs1;1::coyote:1:2:0000abcd", "unknown strategy")]
    [InlineData("program:crosscall:reference:0:cs1;1::random:x:2:0000abcd", "not a run seed")]
    [InlineData("program:crosscall:reference:0:cs1;1::random:1:2:abcd", "not a trace hash")]
    [InlineData("program:crosscall:reference:0:cs7;1::random:1:2:0000abcd", "CPU7 is not one of the program's CPUs")]
    [InlineData("program:crosscall:reference@strict:0:cs1;1::random:1:2:0000abcd", "not a rule set")]
    public void A_bad_line_is_a_format_error_that_says_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ProgramReplay.Run(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_whose_schedule_differs_is_a_divergence_and_an_unknown_implementation_a_load_error()
    {
        Assert.Throws<ReplayDivergenceException>(() => ProgramReplay.Run(Known.Replace("5865c4d2", "00000000", StringComparison.Ordinal)));
        Assert.Throws<ImplementationLoadException>(() => ProgramReplay.Run(Known.Replace("ipi-unlock-before-copy", "no-such-impl", StringComparison.Ordinal)));
    }

    /// <summary>
    /// <c>CONFORMANCE_REPLAY="program:..." dotnet test</c> replays that one schedule here and fails with its
    /// report while it still fails; without it, a known failing line of a mutant replays its failure.
    /// </summary>
    [Fact]
    public void Replay_from_the_environment()
    {
        var line = Environment.GetEnvironmentVariable(FailureReport.ReplayVariable);
        if (line is not null && line.StartsWith(ProgramReproduction.Prefix + ":", StringComparison.Ordinal))
        {
            var (outcome, report) = ProgramReplay.Run(line);
            Assert.False(outcome.Failed, report);
            return;
        }
        var (known, knownReport) = ProgramReplay.Run(Known);
        Assert.True(known.Failed, knownReport);
        Assert.Contains("foreign-payload: CPU1 ran the func of R1", knownReport, StringComparison.Ordinal);
    }
}
