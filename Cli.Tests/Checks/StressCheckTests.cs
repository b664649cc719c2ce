using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Cli.Checks;
using Conformance.Cli.Checks.Adapters;
using Conformance.Cli.Commands;

namespace Conformance.Cli.Tests.Checks;

/// <summary>
/// The stress adapter on its own: references pass, concurrency mutants are killed with a report and a
/// line, and the replayer's parsing and notes. Every run is bounded by the level's run count (quick:
/// 6 runs of 1000 operations; standard: 30 of 4000), never by a timing assertion.
/// </summary>
public sealed class StressCheckTests
{
    private static readonly CheckOptions Quick = new(TimeSpan.FromMinutes(2), 20250611, CheckLevel.Quick);

    [Theory]
    [InlineData(Mechanism.Allocator)]
    [InlineData(Mechanism.Pool)]
    [InlineData(Mechanism.CrossCall)]
    public async Task TheReferenceConforms(Mechanism mechanism)
    {
        var progress = new Recorder();

        var result = await new StressCheck().RunAsync(ImplementationCatalog.Find(mechanism, "reference"), Quick, progress, CancellationToken.None);

        Assert.True(result.Verdict == CheckVerdict.Conforms, string.Join("\n", result.Failures.Select(f => f.Report)));
        Assert.Equal(6, result.Executed);
        Assert.Equal("runs", result.Unit);
        Assert.Contains(progress.Reports, p => p.Status is { } s && s.StartsWith("run 1 of at most 6, seed ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Mechanism.Pool, "pool-alloc-unlocked")]
    [InlineData(Mechanism.CrossCall, "ipi-no-csd-lock")]
    [InlineData(Mechanism.Allocator, "alloc-first-free-stale")]
    public async Task AConcurrencyMutantIsKilledWithTheRunsSeedAReportAndALine(Mechanism mechanism, string name)
    {
        // Standard: up to 30 runs. Each of these mutants failed 7 or 8 of 8 quick runs when measured.
        var options = Quick with { Level = CheckLevel.Standard };

        var entry = ImplementationCatalog.Find(mechanism, name);
        var result = await new StressCheck().RunAsync(entry, options, new Recorder(), CancellationToken.None);

        Assert.Equal(CheckVerdict.Violation, result.Verdict);
        var failure = Assert.Single(result.Failures);
        // The line names the rule set the mutant claims: the seed's for the seed's mechanisms.
        Assert.StartsWith($"stress:{MechanismNames.Format(mechanism)}:{RuleSetNames.Qualify(name, entry.Rules)}:", failure.Reproduction, StringComparison.Ordinal);
        Assert.EndsWith(":4:4000:1", failure.Reproduction, StringComparison.Ordinal);
        var seed = failure.Reproduction!.Split(':')[3];
        Assert.Contains($"(seed {seed}): ", failure.Summary, StringComparison.Ordinal);
        Assert.Contains($"stress FAILED: {MechanismNames.Format(mechanism)}/{name} with seed {seed} (4 CPUs, 4000 operations, chaos on)", failure.Report, StringComparison.Ordinal);
        Assert.Contains("reproduce: " + failure.Reproduction, failure.Report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRunsSeedsDeriveFromTheChecksSeed()
    {
        var reference = ImplementationCatalog.Find(Mechanism.Allocator, "reference");
        var first = new Recorder();
        var again = new Recorder();
        var other = new Recorder();

        await new StressCheck().RunAsync(reference, Quick, first, CancellationToken.None);
        await new StressCheck().RunAsync(reference, Quick, again, CancellationToken.None);
        await new StressCheck().RunAsync(reference, Quick with { Seed = 7 }, other, CancellationToken.None);

        Assert.Equal(6, first.Statuses.Count);
        Assert.Equal(6, first.Statuses.Distinct().Count());
        Assert.Equal(first.Statuses, again.Statuses);
        Assert.Empty(first.Statuses.Intersect(other.Statuses));
    }

    [Theory]
    [InlineData("stress:pool:reference:1:4:1000", "is not a stress reproduction string; expected stress:<mechanism>:<impl-name>:<seed>:<cpus>:<ops>:<chaos 0|1>")]
    [InlineData("stress:heap:reference:1:4:1000:1", "unknown mechanism 'heap' (allocator, pool, crosscall)")]
    [InlineData("stress:pool:reference:x:4:1000:1", "'x' is not a seed")]
    [InlineData("stress:pool:reference:1:1:1000:1", "'1' is not a CPU count")]
    [InlineData("stress:pool:reference:1:4:0:1", "'0' is not an operation count")]
    [InlineData("stress:pool:reference:1:4:1000:2", "'2' is not a chaos flag (0 or 1)")]
    public async Task AMalformedLineIsAFormatErrorThatShowsTheForm(string line, string expected)
    {
        var e = await Assert.ThrowsAsync<ReproductionFormatException>(
            () => new StressCheck().ReplayAsync(Reproduction.Parse(line), new ReplayContext(null, new Recorder()), CancellationToken.None));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(Conformance.Stress.StressReproduction.Form, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplayThatDoesNotFailSaysHowManyAttemptsRanThatTimingIsNotReplayedAndWhichScenariosReplayExactly()
    {
        var replayer = new StressCheck(maxAttempts: 2, attemptTimeCap: TimeSpan.FromMinutes(2));

        var result = await replayer.ReplayAsync(
            Reproduction.Parse("stress:crosscall:reference@seed:3:4:400:1"), new ReplayContext(null, new Recorder()), CancellationToken.None);

        Assert.Equal(CheckVerdict.Conforms, result.Verdict);
        Assert.Equal(2, result.Executed);
        Assert.StartsWith("the failure did not come back in 2 attempt(s).", result.Note, StringComparison.Ordinal);
        Assert.Contains("not the threads' timing", result.Note, StringComparison.Ordinal);
        Assert.Contains("csd-lock, csd-lock-two-senders, requeue-at-head, requeue-at-head-wait", result.Note, StringComparison.Ordinal);
        Assert.Contains("conformance explore -m crosscall --impl reference", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplayThatFailsSaysOnWhichAttempt()
    {
        // Not-zeroed needs no race: it failed 64 of 64 replays when measured.
        var result = await new StressCheck().ReplayAsync(
            Reproduction.Parse("stress:allocator:alloc-zero-this-cpu-only:1:4:400:1"), new ReplayContext(null, new Recorder()), CancellationToken.None);

        Assert.Equal(CheckVerdict.Violation, result.Verdict);
        Assert.StartsWith($"failed again on attempt {result.Executed} of at most 400.", result.Note, StringComparison.Ordinal);
        Assert.StartsWith($"attempt {result.Executed} (seed 1): what the oracle saw on CPU", result.Failures[0].Summary, StringComparison.Ordinal);
        Assert.Contains(": zeroed: ", result.Failures[0].Summary, StringComparison.Ordinal);
        Assert.Contains("alloc-free", result.Note, StringComparison.Ordinal);
        Assert.Equal("stress:allocator:alloc-zero-this-cpu-only:1:4:400:1", Assert.Single(result.Failures).Reproduction);
    }

    [Fact]
    public async Task AnImplementationOfAnotherMechanismIsBadUsage()
    {
        var pool = ImplementationCatalog.Find(Mechanism.Pool, "reference");

        var e = await Assert.ThrowsAsync<UsageException>(() => new StressCheck().ReplayAsync(
            Reproduction.Parse("stress:crosscall:reference@seed:3:4:400:1"), new ReplayContext(pool, new Recorder()), CancellationToken.None));

        Assert.Contains("pool/reference implements pool, but the string is a crosscall stress run", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownResultSaysWhichRunCouldNotBeDecided()
    {
        Assert.Throws<ArgumentException>(() => CheckResult.Unknown(1, "runs", TimeSpan.Zero));
        var result = CheckResult.Unknown(1, "runs", TimeSpan.Zero, new CheckFailure("run 1: out of steps", "report", "stress:pool:reference:1:4:1000:1"));
        Assert.Equal(CheckVerdict.Unknown, result.Verdict);
    }

    private sealed class Recorder : IProgress<CheckProgress>
    {
        public List<CheckProgress> Reports { get; } = [];

        public IReadOnlyList<string> Statuses => [.. Reports.Select(r => r.Status).OfType<string>()];

        public void Report(CheckProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }
}
