using Conformance.Backends.Sequential;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Smp;
using Xunit;

namespace Conformance.Concurrency.Tests.Oracles;

/// <summary>
/// The call ledger under both rule sets: the kernel's wait (every guaranteed target's func returned
/// before a waiting call does) and the seed's (a waiting many-call is owed one target's finished func,
/// the others by quiescence, a deviation it records); and the clauses both read alike. A func runs as
/// a target runs it, from an IPI handler.
/// </summary>
public sealed class CallLedgerTests : IDisposable
{
    private readonly SequentialPlatform platform = new(cpuCount: 3);
    private readonly Queue<Action> handlers = new();

    public CallLedgerTests() => platform.RegisterIpiHandler(IpiVector.CallFunction, () => handlers.Dequeue()());

    public void Dispose() => platform.Dispose();

    [Fact]
    public void Under_the_seeds_rules_a_waiting_many_call_may_return_once_one_target_finished_and_it_is_recorded()
    {
        var ledger = Ledger(RuleSet.Seed);
        var request = ledger.Issue(0, CpuMask.Of(1, 2), wait: true, "call_many", single: false);
        RunOn(1, request);

        platform.On(0, () => ledger.Returned(request, 0));

        Assert.Equal("early-return", Assert.Single(ledger.Rules.Deviations).Clause.Id);
        Assert.Equal("lost-call", Assert.Throws<OracleViolationException>(ledger.CheckAllRan).Oracle);
        RunOn(2, request);
        Assert.Contains(ledger.Rules.Deviations, d => d.Message.Contains("touched its info after", StringComparison.Ordinal));
        ledger.CheckQuiescent();
    }

    [Fact]
    public void Under_the_kernels_rules_a_waiting_many_call_is_owed_every_targets_finished_func()
    {
        var ledger = Ledger(RuleSet.Kernel);
        var request = ledger.Issue(0, CpuMask.Of(1, 2), wait: true, "call_many", single: false);
        RunOn(1, request);

        var early = Assert.Throws<OracleViolationException>(() => ledger.Returned(request, 0));

        Assert.Equal("early-return", early.Oracle);
        Assert.Contains("before the func returned on {2}", early.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RuleSet.Kernel)]
    [InlineData(RuleSet.Seed)]
    public void A_waiting_call_that_returns_before_any_target_finished_returned_early(RuleSet rules)
    {
        var ledger = Ledger(rules);
        var many = ledger.Issue(0, CpuMask.Of(1, 2), wait: true, "call_many", single: false);
        var single = ledger.Issue(1, CpuMask.Of(2), wait: true, "call_single", single: true);

        Assert.Equal("early-return", Assert.Throws<OracleViolationException>(() => ledger.Returned(many, 0)).Oracle);
        Assert.Equal("early-return", Assert.Throws<OracleViolationException>(() => ledger.Returned(single, 0)).Oracle);
        Assert.Empty(ledger.Rules.Deviations);
    }

    [Theory]
    [InlineData(RuleSet.Kernel)]
    [InlineData(RuleSet.Seed)]
    public void A_func_that_touches_a_single_calls_info_after_its_waiting_caller_returned_breaks_the_wait(RuleSet rules)
    {
        var ledger = Ledger(rules);
        var request = ledger.Issue(0, CpuMask.Of(1), wait: true, "call_single", single: true);
        RunOn(1, request);
        platform.On(0, () => ledger.Returned(request, 0));

        var touched = Record(() => RunOn(1, request));

        Assert.Equal("early-return", touched!.Oracle);
        Assert.Contains("touched its info after the waiting caller returned", touched.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_waiting_call_may_return_before_any_target_ran_it_but_not_be_lost()
    {
        var ledger = Ledger(RuleSet.Kernel);
        var request = ledger.Issue(0, CpuMask.Of(1, 2), wait: false, "call_many", single: false);

        ledger.Returned(request, 0);

        Assert.Equal("lost-call", Assert.Throws<OracleViolationException>(ledger.CheckAllRan).Oracle);
    }

    [Fact]
    public void The_func_of_one_request_run_with_the_info_of_another_is_a_foreign_payload()
    {
        var ledger = Ledger(RuleSet.Kernel);
        var first = ledger.Issue(0, CpuMask.Of(1), wait: false, "call_single", single: true);
        var second = ledger.Issue(0, CpuMask.Of(1), wait: false, "call_single", single: true);

        var torn = Record(() => RunOn(1, first, info: second));

        Assert.Equal("foreign-payload", torn!.Oracle);
        Assert.Contains("func and info of different calls", torn.Message, StringComparison.Ordinal);
        Assert.Equal("foreign-payload", Record(() => RunOn(2, first))!.Oracle);
    }

    [Fact]
    public void A_target_that_runs_a_call_twice_is_caught()
    {
        var ledger = Ledger(RuleSet.Kernel);
        var request = ledger.Issue(0, CpuMask.Of(1), wait: false, "call_single", single: true);
        RunOn(1, request);

        Assert.Equal("ran-twice", Record(() => RunOn(1, request))!.Oracle);
    }

    [Fact]
    public void A_remote_func_runs_in_interrupt_context_and_a_local_one_with_interrupts_disabled()
    {
        var ledger = Ledger(RuleSet.Kernel);
        var remote = ledger.Issue(0, CpuMask.Of(1), wait: false, "call_single", single: true);
        var local = ledger.Issue(0, CpuMask.Of(0), wait: false, "call_single", single: true);
        var careless = ledger.Issue(0, CpuMask.Of(0), wait: false, "call_single", single: true);

        Assert.Equal("func-context", Record(() => platform.On(1, () => remote.Func(remote)))!.Oracle);
        platform.On(0, () =>
        {
            var flags = platform.LocalIrqSave();
            local.Func(local);
            platform.LocalIrqRestore(flags);
        });
        Assert.Equal("func-context", Record(() => platform.On(0, () => careless.Func(careless)))!.Oracle);
    }

    [Fact]
    public void Call_single_returns_enxio_for_a_target_offline_for_the_whole_call_and_zero_for_an_online_one()
    {
        var ledger = Ledger(RuleSet.Kernel);
        platform.On(0, () => platform.CpuDown(2));
        var offline = ledger.Issue(0, CpuMask.Of(2), wait: false, "call_single", single: true);
        var online = ledger.Issue(0, CpuMask.Of(1), wait: false, "call_single", single: true);
        var many = ledger.Issue(0, CpuMask.Of(1, 2), wait: false, "call_many", single: false);

        Assert.Equal("enxio", Record(() => ledger.Returned(offline, 0))!.Oracle);
        Assert.Equal("enxio", Record(() => ledger.Returned(online, -6))!.Oracle);
        Assert.Equal("enxio", Record(() => ledger.Returned(many, -6))!.Oracle);
        ledger.Returned(ledger.Issue(0, CpuMask.Of(2), wait: false, "call_single", single: true), -6);
    }

    [Fact]
    public void A_target_that_comes_up_during_the_call_allows_either_result()
    {
        var ledger = Ledger(RuleSet.Kernel);
        platform.On(0, () => platform.CpuDown(2));
        var first = ledger.Issue(0, CpuMask.Of(2), wait: false, "call_single", single: true);
        var second = ledger.Issue(0, CpuMask.Of(2), wait: false, "call_single", single: true);
        platform.On(0, () => ledger.CpuUp(2));

        ledger.Returned(first, 0);
        ledger.Returned(second, -6);
    }

    [Fact]
    public void At_quiescence_a_pending_ipi_or_a_probe_that_never_returned_is_not_clean()
    {
        var ledger = Ledger(RuleSet.Kernel);
        platform.On(0, () => platform.SendIpi(1, IpiVector.CallFunctionSingle));

        Assert.Equal("quiescent-clean", Record(ledger.CheckQuiescent)!.Oracle);

        var other = Ledger(RuleSet.Kernel);
        other.Issue(0, CpuMask.Of(1), wait: false, "call_single", single: true, probe: true);
        Assert.Equal("quiescent-clean", other.StuckProbe()!.Oracle);
    }

    private CallLedger Ledger(RuleSet rules) => new(platform, new RuleBook(rules));

    // A target's handler runs the func with the info it took (the request's own unless given).
    private void RunOn(int cpu, CallRequest request, object? info = null)
    {
        handlers.Enqueue(() => request.Func(info ?? request));
        platform.On(cpu == 0 ? 1 : 0, () => platform.SendIpi(cpu, IpiVector.CallFunction));
        Assert.True(platform.DeliverIpi(cpu));
    }

    private static OracleViolationException? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return FindViolation(e) ?? throw new InvalidOperationException("not an oracle's violation", e);
        }
    }

    private static OracleViolationException? FindViolation(Exception? e) =>
        e switch
        {
            null => null,
            OracleViolationException v => v,
            _ => FindViolation(e.InnerException),
        };
}
