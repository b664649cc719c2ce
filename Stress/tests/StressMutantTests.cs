using Conformance.Catalog;
using Conformance.Stress.Checking;
using Conformance.Stress.Tests.Mutants;
using Xunit;

namespace Conformance.Stress.Tests;

/// <summary>
/// Concurrency mutants are rejected by stress within a bounded number of seeds. Real threads do not
/// replay, so each test tries seeds in order until one fails; the bound is generous for the rate each
/// mutant is killed at, and the seeds tried are printed if none does.
/// </summary>
[Collection(StressCollection.Name)]
public class StressMutantTests
{
    // Short budgets: a mutant that loses a waiting call hangs the machine until the hard stop.
    private static readonly StressOptions Short = new()
    {
        Operations = 1000,
        TimeBudget = TimeSpan.FromSeconds(1.5),
        HangGrace = TimeSpan.FromSeconds(1.5),
    };

    [Fact]
    public void Ipi_no_csd_lock_is_killed_within_five_seeds()
    {
        var result = FirstKill(ImplementationCatalog.Find(Mechanism.CrossCall, "ipi-no-csd-lock"), Short, seeds: 5);

        Assert.Contains("csd-lock", result.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_alloc_unlocked_is_killed_within_five_seeds()
    {
        var result = FirstKill(ImplementationCatalog.Find(Mechanism.Pool, "pool-alloc-unlocked"), Short, seeds: 5);

        Assert.Contains("pool-refill", result.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipi_refs_after_publish_is_killed_within_five_seeds()
    {
        var result = FirstKill(ImplementationCatalog.Find(Mechanism.CrossCall, "ipi-refs-after-publish"), Short, seeds: 5);

        Assert.Contains("requeue-at-head", result.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_no_refill_when_empty_is_killed_by_the_refill_liveness_rule()
    {
        // Killed when the last fill of a run is below the low watermark: about one short run in ten.
        var result = FirstKill(ImplementationCatalog.Find(Mechanism.Pool, "pool-no-refill-when-empty"), Short with { Operations = 200 }, seeds: 150);

        Assert.Equal("refill-liveness", result.Failure);
    }

    [Fact]
    public void Alloc_first_free_stale_is_killed_by_the_null_only_when_full_oracle()
    {
        var result = FirstKill(ImplementationCatalog.Find(Mechanism.Allocator, "alloc-first-free-stale"), Short, seeds: 5);

        // A NULL while some aligned run was free for the whole call, whatever the other CPUs did meanwhile;
        // the history, when it is checked that far, shows the same NULL.
        Assert.Equal("null-only-when-full", result.Failure);
        Assert.Contains("was free for the whole call", result.Report, StringComparison.Ordinal);
        if (result.Linearizability == CheckVerdict.NotLinearizable)
        {
            Assert.Contains("still fit", result.Report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Alloc_double_free_silent_is_killed_by_the_double_frees_in_the_streams()
    {
        var result = FirstKill(ImplementationCatalog.Find(Mechanism.Allocator, "alloc-double-free-silent"), Short, seeds: 5);

        // The corruption may be seen first by the shadow map or the byte count; the history, when it
        // gets that far, names the free that should have been refused.
        if (result.Linearizability == CheckVerdict.NotLinearizable)
        {
            Assert.Contains("so the free must throw InvalidFreeException, not succeed", result.Report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_failure_report_names_the_seed_the_window_the_line_and_what_a_seed_does_not_replay()
    {
        var result = FirstKill(ImplementationCatalog.Find(Mechanism.Allocator, "alloc-first-free-stale"), Short with { Seed = 100 }, seeds: 5);
        var report = result.Report!;
        var seed = result.Options.Seed;

        Assert.Contains($"with seed {seed} (4 CPUs, 1000 operations, chaos on)", report, StringComparison.Ordinal);
        Assert.Contains($"reproduce: stress:allocator:alloc-first-free-stale:{seed}:4:1000:1", report, StringComparison.Ordinal);
        Assert.Contains("not the same\n    thread timing", report, StringComparison.Ordinal);
        Assert.Contains("alloc-free", report, StringComparison.Ordinal);
        Assert.Contains("longest valid order", report, StringComparison.Ordinal);
        Assert.Equal($"stress:allocator:alloc-first-free-stale:{seed}:4:1000:1", result.Reproduction);
    }

    [Fact]
    public void A_machine_that_stops_making_progress_is_stopped_after_the_hang_grace_not_the_time_budget()
    {
        var options = new StressOptions { Seed = 1, Operations = 400, TimeBudget = TimeSpan.FromMinutes(5), HangGrace = TimeSpan.FromSeconds(1) };

        var result = StressRunner.Run(ImplementationCatalog.Describe(typeof(StuckWaitIpi)), options);

        Assert.Equal(StressVerdict.Failed, result.Verdict);
        Assert.Equal("no-quiescence", result.Failure);
        Assert.Contains("made no progress for 1 s", result.Report, StringComparison.Ordinal);
        Assert.Contains("csd_wait", result.Report, StringComparison.Ordinal);
    }

    private static StressResult FirstKill(ImplementationEntry mutant, StressOptions options, int seeds)
    {
        var tried = new List<string>();
        for (var i = 0; i < seeds; i++)
        {
            var result = StressRunner.Run(mutant, options with { Seed = options.Seed + (ulong)i, Rules = mutant.Rules });
            if (result.Verdict == StressVerdict.Failed)
            {
                Assert.NotNull(result.Failure);
                Assert.NotNull(result.Report);
                return result;
            }
            tried.Add(result.ToString());
        }
        Assert.Fail($"{mutant} survived {seeds} seeds:\n{string.Join("\n", tried)}");
        return null!;
    }
}
