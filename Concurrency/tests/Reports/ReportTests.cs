using System.Text.Json.Nodes;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Reports;
using Conformance.Concurrency.Tests.Controlled;
using Xunit;

namespace Conformance.Concurrency.Tests.Reports;

public sealed class ReportTests
{
    private static readonly ExplorationOptions Options = new() { Strategy = "random", Seed = 8, Iterations = 500 };

    [Fact]
    public void The_report_shows_the_interleaving_per_cpu_the_values_and_the_line_to_replay()
    {
        var result = Explorer.Explore(SchedulerScenarios.RacyIncrement, Options);

        var report = FailureReport.Render(result, 2);

        Assert.Contains("VIOLATION in scenario racy-increment", report, StringComparison.Ordinal);
        Assert.Contains("| CPU0", report, StringComparison.Ordinal);
        Assert.Contains("| CPU1", report, StringComparison.Ordinal);
        Assert.Contains("read counter = 0", report, StringComparison.Ordinal);
        Assert.Contains("write counter = 1", report, StringComparison.Ordinal);
        Assert.Contains("~ switch: preempted", report, StringComparison.Ordinal);
        Assert.Contains($"conformance replay \"{result.Reproduction}\"", report, StringComparison.Ordinal);
        Assert.Contains($"CONFORMANCE_REPLAY=\"{result.Reproduction}\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadlock_report_lists_who_waits_for_what()
    {
        var result = Explorer.Explore(SchedulerScenarios.LockOrderInversion, Options);

        var report = FailureReport.Render(result, 2);

        Assert.Contains("deadlock", report, StringComparison.Ordinal);
        Assert.Contains("CPU0 waits for spinlock B held by CPU1", report, StringComparison.Ordinal);
        Assert.Contains("switch: waits for spinlock", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Shard_results_merge_into_one_with_the_lowest_failing_iteration()
    {
        var options = Options with { Minimise = false, TraceValues = false, Iterations = 2000 };
        var shards = Enumerable.Range(0, 3)
            .Select(i => ExplorationJson.Serialize([Explorer.Explore(SchedulerScenarios.RacyIncrement, options with { Shard = new Shard(i, 3) })], $"{i}/3"))
            .ToList();
        var whole = Explorer.Explore(SchedulerScenarios.RacyIncrement, options);

        var merged = JsonNode.Parse(ExplorationJson.Merge(shards))!.AsArray();

        var scenario = Assert.Single(merged)!.AsObject();
        Assert.False((bool)scenario["passed"]!);
        Assert.Equal(whole.Reproduction!.ToString(), (string)scenario["failure"]!["reproduction"]!);
    }

    [Fact]
    public void Merging_something_that_is_not_a_result_file_is_a_clear_error()
    {
        Assert.Throws<FormatException>(() => ExplorationJson.Merge(["{\"not\":\"an array\"}"]));
    }
}
