using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Programs;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Concurrency.Tests.Programs;

/// <summary>
/// A failing program is shrunk to a few operations that fail the same way, and the one line printed for
/// it replays the same failure, on catalogue mutants whose defects need an interleaving.
/// </summary>
public sealed class ProgramShrinkingTests(ITestOutputHelper output)
{
    private static readonly ProgramExplorationOptions Options = new() { Seed = 7, Programs = 50, ShrinkCandidates = 60, ShrinkSchedules = 64 };

    [Theory]
    [InlineData(Mechanism.CrossCall, "ipi-no-csd-lock", 6)]
    [InlineData(Mechanism.Pool, "pool-alloc-unlocked", 3)]
    public void A_failing_program_shrinks_to_a_few_operations_and_its_line_replays_the_same_failure(Mechanism mechanism, string mutant, int atMost)
    {
        var entry = ImplementationCatalog.Find(mechanism, mutant);

        var result = ProgramExplorer.Explore(entry, entry.Rules, Options);

        Assert.False(result.Passed, $"{mutant} survived {result.Programs} programs");
        var line = result.Reproduction!;
        var report = ProgramReport.Render(result.Failure!.Failure!, line, result.Drawn, result.Failure.Found);
        output.WriteLine(report);
        Assert.True(line.Program.OperationCount <= atMost, $"shrunk to {line.Program} only");
        Assert.True(line.Program.OperationCount < result.Drawn!.OperationCount || result.Drawn.OperationCount <= atMost);
        Assert.Contains($"conformance replay \"{line}\"", report, StringComparison.Ordinal);

        var (replayed, replayReport) = ProgramReplay.Run(line.ToString());

        Assert.True(replayed.Failed, replayReport);
        var error = result.Failure.Failure!.Error!;
        Assert.Equal(FailureSignature.Of(error), FailureSignature.Of(replayed.Error!));
        Assert.Equal(error.Message, replayed.Error!.Message);
    }

    [Fact]
    public void Shrinking_offers_only_programs_that_can_run_and_renumbers_the_cpus_it_keeps()
    {
        var program = ProgramText.Parse(Mechanism.CrossCall, "0:cs2w,cm{1,2};1:d2,u2;2:cs0");

        var candidates = ProgramShrinker.Candidates(program).Select(p => p.ToString()).ToList();

        Assert.All(candidates, c => Assert.Null(ProgramText.Parse(Mechanism.CrossCall, c).Problem()));
        // Without CPU1, CPU2 becomes CPU1 and the calls to it follow.
        Assert.Contains("0:cs1w,cm{1};1:cs0", candidates);
        Assert.Contains("0:cs2,cm{1,2};1:d2,u2;2:cs0", candidates);
        // Dropping d2 alone would leave u2 without a down: not offered.
        Assert.DoesNotContain("0:cs2w,cm{1,2};1:u2;2:cs0", candidates);
    }
}
