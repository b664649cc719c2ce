using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Reports;
using Conformance.Concurrency.Scenarios;
using Conformance.Mutants;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Concurrency.Tests.Mutants;

/// <summary>
/// Exploration bites: each mutant whose defect needs an interleaving is found on the scenario that
/// exposes it within a bounded number of iterations of the portfolio, with the symptom its defect
/// produces, and its one-line reproduction, parsed back and run on a scenario built from the line
/// alone, replays the same failure (the same oracle, or the same exception type).
/// </summary>
public sealed class MutantExplorationTests(ITestOutputHelper output)
{
    private const ulong Seed = 3;

    private const string LostCall = "OracleViolationException:lost-call";
    private const string CallerStuck = "OracleViolationException:caller-stuck";
    private const string RanTwice = "OracleViolationException:ran-twice";
    private const string ForeignPayload = "OracleViolationException:foreign-payload";
    private const string Warn = "System.InvalidOperationException";
    private const string DoubleHandOut = "OracleViolationException:double-hand-out";
    private const string FreedHandOut = "OracleViolationException:freed-hand-out";
    private const string PoolChain = "OracleViolationException:pool-chain";
    private const string LostElement = "OracleViolationException:lost-element";
    private const string Shadow = "Conformance.Memory.ShadowViolationException";

    /// <summary>
    /// The five the default portfolio must find: mutant, scenario, iteration cap, the symptoms its
    /// defect may show.
    /// </summary>
    public static TheoryData<Type, string, long, string> Required => new()
    {
        { typeof(IpiRequeueAtTail), "requeue-at-head", 1000, LostCall },
        { typeof(IpiUnlockBeforeCopy), "csd-lock", 1000, Symptoms(RanTwice, ForeignPayload, LostCall) },
        { typeof(IpiNoCsdLock), "csd-lock", 1000, Symptoms(LostCall, RanTwice, ForeignPayload, Warn) },
        { typeof(PoolAllocUnlocked), "pool-refill", 1000, Symptoms(DoubleHandOut, FreedHandOut, PoolChain, LostElement) },
        // A waiting call published with refs 0 never completes; a later call spins in csd_lock (a later
        // waiting one is then a call its targets never ran).
        { typeof(IpiEmptyMaskKeepsLock), "call-many-hotplug", 1000, Symptoms(CallerStuck, LostCall) },
    };

    /// <summary>Every other kill by exploration.</summary>
    public static TheoryData<Type, string, long, string> Others => new()
    {
        { typeof(IpiRequeueAtTail), "requeue-at-head-wait", 1000, LostCall },
        { typeof(IpiNoCsdLock), "csd-lock-two-senders", 1000, Symptoms(LostCall, RanTwice, ForeignPayload, Warn) },
        { typeof(IpiUnlockBeforeCopy), "csd-lock-two-senders", 1000, Symptoms(RanTwice, ForeignPayload, LostCall) },
        { typeof(IpiClearBitAfterCall), "requeue-at-head", 1000, LostCall },
        { typeof(IpiClearBitAfterCall), "requeue-at-head-wait", 1000, LostCall },
        { typeof(IpiRefsAfterPublish), "requeue-at-head", 1000, Warn },
        { typeof(IpiSendBeforeEnqueue), "requeue-at-head-wait", 1000, LostCall },
        { typeof(IpiSendBeforeEnqueue), "call-many-hotplug", 1000, Symptoms(CallerStuck, LostCall) },
        { typeof(PoolFillSpliceUnlocked), "pool-refill", 1000, Symptoms(PoolChain, LostElement, DoubleHandOut, FreedHandOut) },
        { typeof(PoolFillSpliceUnlocked), "pool-fill-empty", 1000, Symptoms(PoolChain, LostElement, DoubleHandOut, FreedHandOut, Shadow) },
        { typeof(PoolChainSlotMismatch), "pool-refill", 1000, Symptoms(PoolChain, LostElement) },
    };

    [Theory]
    [MemberData(nameof(Required))]
    public void The_default_portfolio_finds_the_mutant_and_its_line_replays(Type mutant, string scenario, long iterations, string symptoms)
    {
        // The default strategy; the line names the portfolio member that found it (no minimisation, to stay quick).
        var options = new ExplorationOptions { Seed = Seed, Iterations = iterations, Minimise = false, TraceValues = false };
        Assert.Equal("portfolio", options.Strategy);

        var (entry, result) = Explore(mutant, scenario, options);
        ExpectSymptomAndReplay(entry, result, symptoms);
    }

    [Theory]
    [MemberData(nameof(Others))]
    public void The_portfolio_finds_the_mutant_and_its_line_replays(Type mutant, string scenario, long iterations, string symptoms)
    {
        var options = new ExplorationOptions { Strategy = "portfolio", Seed = Seed, Iterations = iterations, Minimise = false, TraceValues = false };

        var (entry, result) = Explore(mutant, scenario, options);
        ExpectSymptomAndReplay(entry, result, symptoms);
    }

    [Fact]
    public void With_every_default_the_line_is_the_minimised_schedule_and_replays_the_same_failure()
    {
        var (entry, result) = Explore(typeof(IpiUnlockBeforeCopy), "csd-lock", new ExplorationOptions { Seed = Seed, Iterations = 1000 });

        Assert.NotNull(result.Found);
        Assert.StartsWith("guided", result.Reproduction!.Strategy, StringComparison.Ordinal);
        Assert.True(result.Failure!.Trace.Preemptions <= result.Found.Trace.Preemptions);
        Assert.Contains("VIOLATION in scenario csd-lock(2,3)", FailureReport.Render(result, 2), StringComparison.Ordinal);
        ExpectSymptomAndReplay(entry, result, Symptoms(RanTwice, ForeignPayload, LostCall));
    }

    [Theory]
    [InlineData(Mechanism.CrossCall, "csd-lock")]
    [InlineData(Mechanism.CrossCall, "csd-lock-two-senders")]
    [InlineData(Mechanism.CrossCall, "requeue-at-head")]
    [InlineData(Mechanism.CrossCall, "requeue-at-head-wait")]
    [InlineData(Mechanism.CrossCall, "call-many-hotplug")]
    [InlineData(Mechanism.Pool, "pool-refill")]
    [InlineData(Mechanism.Pool, "pool-fill-empty")]
    public void The_reference_passes_every_scenario_that_kills_a_mutant(Mechanism mechanism, string scenario)
    {
        var reference = ImplementationCatalog.Find(mechanism, "reference");
        var concrete = ScenarioCatalog.Create(scenario, reference);

        var result = Explorer.Explore(concrete, new ExplorationOptions { Strategy = "portfolio", Seed = Seed, Iterations = 200 });

        Assert.True(result.Passed, FailureReport.Render(result, concrete.CpuCount));
        Assert.Equal(200, result.Iterations);
    }

    [Fact]
    public void Odd_calls_of_the_requeue_scenario_leave_one_walker_out_when_two_targets_remain()
    {
        Assert.Equal(Smp.CpuMask.Of(1, 2, 3), CrossCallScenarios.MaskOf(0, 0, 4));
        Assert.Equal(Smp.CpuMask.Of(1, 3), CrossCallScenarios.MaskOf(0, 1, 4));
        Assert.Equal(Smp.CpuMask.Of(0, 2), CrossCallScenarios.MaskOf(1, 1, 4));
        // Three CPUs: a narrowed mask would have one target (the single-call fast path), so it is not narrowed.
        Assert.Equal(Smp.CpuMask.Of(1, 2), CrossCallScenarios.MaskOf(0, 1, 3));
    }

    private (ImplementationEntry Entry, ExplorationResult Result) Explore(Type mutant, string scenario, ExplorationOptions options)
    {
        var entry = ImplementationCatalog.Describe(mutant);
        Assert.True(entry.IsMutant, $"{mutant.Name} is not marked as a mutant");
        var concrete = ScenarioCatalog.Create(scenario, entry);

        var result = Explorer.Explore(concrete, options);

        Assert.False(result.Passed, $"{entry.Name} survived {result.Iterations} iteration(s) of {options.Strategy} on {concrete.Name} (run seed {options.Seed})");
        Assert.True(result.Iterations <= options.Iterations);
        output.WriteLine($"{entry.Name} on {concrete.Name}: found after {result.Iterations} iteration(s) by {result.Found?.Strategy ?? result.Failure!.Strategy}");
        output.WriteLine(FailureReport.Render(result, concrete.CpuCount));
        return (entry, result);
    }

    private static void ExpectSymptomAndReplay(ImplementationEntry entry, ExplorationResult result, string symptoms)
    {
        var signature = FailureSignature.Of(result.Failure!.Error!);
        Assert.Contains(signature, symptoms.Split('|'));

        var line = Reproduction.Parse(result.Reproduction!.ToString());
        // Run at the rules the mutant claims, the line names them after the name (name@seed).
        Assert.Equal(RuleSetNames.Qualify(entry.Name, entry.Rules), line.Implementation);
        var replayed = Explorer.Replay(line, ScenarioCatalog.Create(line.Scenario, entry));
        Assert.NotNull(replayed.Error);
        Assert.Equal(signature, FailureSignature.Of(replayed.Error));
        Assert.Equal(result.Failure.Error!.Message, replayed.Error.Message);
    }

    private static string Symptoms(params string[] signatures) => string.Join('|', signatures);
}
