using Conformance.Backends.Cooperative;
using Conformance.Concurrency.Controlled;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Reports;
using Conformance.Concurrency.Strategies;
using Conformance.Smp;
using Xunit;

namespace Conformance.Concurrency.Tests.Controlled;

public sealed class ControlledPlatformTests
{
    private static readonly ExplorationOptions Bounded = new() { Strategy = "random", Seed = 42, Iterations = 500 };

    [Fact]
    public void A_racy_increment_is_found_within_a_bounded_number_of_iterations()
    {
        var result = Explorer.Explore(SchedulerScenarios.RacyIncrement, Bounded);

        Assert.False(result.Passed);
        Assert.True(result.Iterations <= 100, $"found only after {result.Iterations} iterations");
        Assert.Contains("lost update", result.Failure!.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reproduction_string_replays_to_the_identical_failure()
    {
        var result = Explorer.Explore(SchedulerScenarios.RacyIncrement, Bounded);
        var line = result.Reproduction!.ToString();

        var replayed = Explorer.Replay(Reproduction.Parse(line), SchedulerScenarios.RacyIncrement);

        Assert.Equal(result.Failure!.Error!.Message, replayed.Error!.Message);
        Assert.Equal(result.Failure.Trace.Serialize(), replayed.Trace.Serialize());
        Assert.StartsWith("explore:racy-increment:-:guided@", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_schedule_is_minimised_to_the_fewest_preemptions_that_still_fail()
    {
        var result = Explorer.Explore(SchedulerScenarios.RacyIncrement, Bounded with { Strategy = "random", Seed = 8 });

        Assert.True(result.Found!.Trace.Preemptions >= result.Failure!.Trace.Preemptions);
        // A lost update needs exactly one preemption: between one CPU's read and its write.
        Assert.Equal(1, result.Failure.Trace.Preemptions);
        Assert.Contains("lost update", result.Failure.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_minimisation_the_line_names_the_strategy_that_found_it()
    {
        var result = Explorer.Explore(SchedulerScenarios.RacyIncrement, Bounded with { Minimise = false });

        Assert.StartsWith("explore:racy-increment:-:random:42:", result.Reproduction!.ToString(), StringComparison.Ordinal);
        Assert.Same(result.Found!.Error!.GetType(), result.Failure!.Error!.GetType());
    }

    [Fact]
    public void A_correct_scenario_passes_every_iteration()
    {
        var result = Explorer.Explore(SchedulerScenarios.LockedIncrement, Bounded with { Iterations = 300 });

        Assert.True(result.Passed, result.Failure?.Error?.ToString());
        Assert.Equal(300, result.Iterations);
    }

    [Fact]
    public void A_lock_order_inversion_is_reported_as_a_deadlock_naming_both_waits()
    {
        var result = Explorer.Explore(SchedulerScenarios.LockOrderInversion, Bounded);

        var deadlock = Assert.IsType<DeadlockException>(result.Failure?.Error);
        Assert.Contains("CPU0 waits for spinlock B held by CPU1", deadlock.Waits);
        Assert.Contains("CPU1 waits for spinlock A held by CPU0", deadlock.Waits);
    }

    [Fact]
    public void A_spin_wait_nobody_satisfies_is_a_deadlock_not_a_hang()
    {
        var result = Explorer.Explore(SchedulerScenarios.HopelessWait, Bounded with { Iterations = 5 });

        var deadlock = Assert.IsType<DeadlockException>(result.Failure?.Error);
        Assert.Equal(["CPU0 waits for never_set to become 1"], deadlock.Waits);
        Assert.Equal(1, result.Iterations);
    }

    [Fact]
    public void An_endless_loop_fails_at_the_step_bound()
    {
        var spin = new Scenario("spin", 1, platform =>
        {
            var w = platform.NewWord("w");
            return new ScenarioRun([() => { while (true) { w.Add(1); } }]);
        })
        { StepBound = 500 };

        var outcome = Explorer.Explore(spin, Bounded with { Iterations = 1 });

        Assert.IsType<StepBoundExceededException>(outcome.Failure?.Error);
    }

    [Fact]
    public void Ipis_are_delivered_to_a_spinning_target_as_a_scheduling_choice()
    {
        var result = Explorer.Explore(SchedulerScenarios.IpiHandshake, Bounded with { Iterations = 200 });

        Assert.True(result.Passed, result.Failure?.Error?.ToString());
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace_over_100_runs()
    {
        var hashes = new HashSet<uint>();
        var serialised = new HashSet<string>();
        for (var run = 0; run < 100; run++)
        {
            var strategy = new RandomStrategy();
            strategy.BeginIteration(3, Prng.Derive(7, 3));
            var outcome = Explorer.RunOnce(SchedulerScenarios.LockedIncrement, strategy, 3, 0, traceValues: false);
            Assert.Null(outcome.Error);
            hashes.Add(outcome.Trace.Hash());
            serialised.Add(outcome.Trace.Serialize());
        }

        Assert.Single(hashes);
        Assert.Single(serialised);
    }

    [Fact]
    public void Different_seeds_explore_different_schedules()
    {
        var hashes = Enumerable.Range(0, 20).Select(i =>
        {
            var strategy = new RandomStrategy();
            strategy.BeginIteration(i, Prng.Derive(7, i));
            return Explorer.RunOnce(SchedulerScenarios.LockedIncrement, strategy, i, 0, traceValues: false).Trace.Hash();
        }).ToHashSet();

        Assert.True(hashes.Count > 10, $"only {hashes.Count} distinct schedules in 20 seeds");
    }

    [Fact]
    public void A_recorded_trace_replays_and_a_tampered_one_is_rejected_as_divergent()
    {
        var strategy = new RandomStrategy();
        strategy.BeginIteration(0, 99);
        var recorded = Explorer.RunOnce(SchedulerScenarios.LockedIncrement, strategy, 0, 99, traceValues: false).Trace;

        var replayed = Explorer.ReplayTrace(ScheduleTrace.Parse(recorded.Serialize()), SchedulerScenarios.LockedIncrement);
        Assert.Equal(recorded.Hash(), replayed.Trace.Hash());

        // Swap who runs at the first decision where two CPUs were enabled.
        var steps = recorded.Steps.ToList();
        var at = steps.FindIndex(s => s.Options > 1 && s.Running >= 0);
        var step = steps[at];
        var other = step.Chosen.Context == step.Running ? (step.Running + 1) % 3 : step.Running;
        steps[at] = step with { Chosen = new Choice(ChoiceKind.Continue, other), Running = (step.Running + 1) % 3 };
        var tampered = new ScheduleTrace();
        steps.ForEach(tampered.Add);

        Assert.Throws<ReplayDivergenceException>(() => Explorer.ReplayTrace(tampered, SchedulerScenarios.LockedIncrement));
    }

    [Fact]
    public void A_replay_of_a_changed_scenario_fails_loudly()
    {
        var result = Explorer.Explore(SchedulerScenarios.RacyIncrement, Bounded);

        Assert.Throws<ReplayDivergenceException>(() => Explorer.Replay(result.Reproduction!, SchedulerScenarios.LockedIncrement with { Name = "racy-increment" }));
    }

    [Theory]
    [InlineData("explore:a:b:random:1:2")]
    [InlineData("prop:a:b:random:1:2:0000abcd")]
    [InlineData("explore:a:b:random:x:2:0000abcd")]
    [InlineData("explore:a:b:random:1:2:xyz")]
    public void A_malformed_reproduction_string_is_a_clear_error(string line)
    {
        var e = Assert.Throws<FormatException>(() => Reproduction.Parse(line));
        Assert.Contains(Reproduction.Form, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_context_thread_is_left_attached_after_a_failing_run()
    {
        var strategy = new RandomStrategy();
        strategy.BeginIteration(0, 1);
        var platform = new ControlledPlatform(2, strategy);
        var a = platform.NewSpinlock("A");
        Assert.Throws<InvalidOperationException>(() => platform.Run(
        [
            () => { a.Lock(); throw new InvalidOperationException("fails while holding A"); },
            () => { a.Lock(); a.Unlock(); },
        ]));

        Assert.Equal(0, platform.LiveContexts);
    }

    [Fact]
    public void A_cpu_down_is_a_scheduling_point_that_traces_replays_and_wakes_a_waiter_on_the_mask()
    {
        var strategy = new RandomStrategy();
        strategy.BeginIteration(0, 7);
        var platform = new ControlledPlatform(3, strategy, traceValues: true);
        platform.Run(
        [
            () => platform.WaitUntil(() => !platform.OnlineMask.Contains(2), "CPU2 to go offline"),
            () => platform.CpuDown(2),
        ]);

        var hotplug = Assert.Single(platform.Trace.Steps, s => s.Kind == PointKind.Hotplug);
        Assert.Equal(1, hotplug.Running);
        Assert.Equal(platform.Trace.Serialize(), ScheduleTrace.Parse(platform.Trace.Serialize()).Serialize());
        Assert.Contains("cpu_down(CPU2)", InterleavingTable.Render(platform.Trace, 3), StringComparison.Ordinal);
        Assert.Equal(CpuMask.Of(0, 1), platform.OnlineMask);
    }
}
