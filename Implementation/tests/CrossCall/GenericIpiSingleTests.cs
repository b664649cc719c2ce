using Conformance.Backends.Sequential;
using Conformance.Catalog;
using Conformance.CrossCall;
using Conformance.Smp;
using Xunit;

namespace Conformance.Implementation.Tests.CrossCall;

/// <summary>smp_call_function_single: async through csd_data, waiting through an on-stack entry, to self, -ENXIO.</summary>
public sealed class GenericIpiSingleTests
{
    [Fact]
    public void A_call_without_wait_returns_at_once_and_runs_when_the_target_takes_the_ipi()
    {
        using var m = new IpiMachine();
        Assert.Equal(0, m.Machine.On(0, () => m.Ipi.CallSingle(2, m.Record, "a", wait: false)));
        Assert.Empty(m.Runs);
        Assert.Equal([IpiVector.CallFunctionSingle], m.Machine.PendingIpis(2));

        Assert.True(m.Machine.DeliverIpi(2));

        Assert.Equal([new IpiMachine.Run("a", 2, true, true)], m.Runs);
        Assert.False(m.Machine.HasPendingIpi(2));
    }

    [Fact]
    public void A_waiting_call_blocks_its_caller_until_the_target_has_run_it()
    {
        using var m = new IpiMachine();
        var result = -1;
        var call = m.Machine.Start(1, () => result = m.Ipi.CallSingle(3, m.Record, "w", wait: true));
        Assert.False(call.IsCompleted);
        Assert.Contains("csd_wait", call.WaitingFor, StringComparison.Ordinal);
        Assert.Empty(m.Runs);

        Assert.True(m.Machine.DeliverIpi(3));

        Assert.True(call.IsCompleted);
        Assert.Null(call.Exception);
        Assert.Equal(0, result);
        Assert.Equal([3], m.RanOn("w"));
    }

    [Fact]
    public void A_call_to_the_callers_own_cpu_runs_there_at_once_with_interrupts_disabled()
    {
        using var m = new IpiMachine();
        var irqsAfter = true;
        Assert.Equal(0, m.Machine.On(1, () =>
        {
            var r = m.Ipi.CallSingle(1, m.Record, "self", wait: false);
            irqsAfter = m.Machine.IrqsDisabled;
            return r;
        }));
        Assert.Equal([new IpiMachine.Run("self", 1, true, false)], m.Runs);
        Assert.False(irqsAfter);
        Assert.False(m.Machine.HasPendingIpi(1));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(63)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void A_call_to_a_cpu_that_is_not_online_is_enxio_and_sends_nothing(int cpu)
    {
        using var m = new IpiMachine(cpus: 4);
        Assert.Equal(-GenericIpi.ENXIO, m.Machine.On(0, () => m.Ipi.CallSingle(cpu, m.Record, "x", wait: true)));
        Assert.Equal(-6, -GenericIpi.ENXIO);
        m.Machine.Drain();
        Assert.Empty(m.Runs);
        // csd_data[0] was not locked: the next asynchronous call goes through.
        m.Machine.On(0, () => m.Ipi.CallSingle(1, m.Record, "y", wait: false));
        m.Machine.Drain();
        Assert.Equal([1], m.RanOn("y"));
    }

    [Fact]
    public void Csd_lock_makes_a_second_async_call_wait_until_the_first_was_taken()
    {
        using var m = new IpiMachine();
        m.Machine.On(0, () => m.Ipi.CallSingle(1, m.Record, "first", wait: false));

        var second = m.Machine.Start(0, () => m.Ipi.CallSingle(1, m.Record, "second", wait: false));
        Assert.False(second.IsCompleted);
        Assert.Contains("csd_lock(csd_data[0])", second.WaitingFor, StringComparison.Ordinal);

        // The handler unlocks csd_data[0] before running "first"; the caller then re-fills it and
        // queues it again, raising a new IPI because the queue was empty.
        Assert.True(m.Machine.DeliverIpi(1));
        Assert.True(second.IsCompleted);
        Assert.Equal(["first"], m.Runs.Select(r => r.Info));
        Assert.True(m.Machine.HasPendingIpi(1));

        Assert.True(m.Machine.DeliverIpi(1));
        Assert.Equal(["first", "second"], m.Runs.Select(r => r.Info));
        Assert.Equal([1, 1], m.Runs.Select(r => r.Cpu));
    }

    [Fact]
    public void The_target_runs_its_copy_while_the_sender_re_fills_the_unlocked_entry()
    {
        using var m = new IpiMachine(cpus: 2);
        var gate = m.Machine.NewWord("gate");
        m.Machine.On(0, () => m.Ipi.CallSingle(1, info =>
        {
            m.Machine.WaitUntil(() => gate.Read() != 0, "gate");
            m.Record(info);
        }, "first", wait: false));
        Assert.True(m.Machine.DeliverIpi(1));
        Assert.Contains("gate", m.Machine.WaitingFor(1), StringComparison.Ordinal);

        // csd_data[0] was unlocked before "first" ran: the sender re-fills it without waiting.
        m.Machine.On(0, () => m.Ipi.CallSingle(1, m.Record, "second", wait: false));
        m.Machine.On(0, () => gate.Write(1));

        // The handler finishes "first" with its own info, then takes the IPI "second" raised meanwhile.
        Assert.Equal(["first", "second"], m.Runs.Select(r => r.Info));
        Assert.False(m.Machine.HasPendingIpi(1));
    }

    [Fact]
    public void Calls_from_several_cpus_queue_on_the_target_and_raise_one_ipi()
    {
        using var m = new IpiMachine();
        m.Machine.On(0, () => m.Ipi.CallSingle(3, m.Record, "from0", wait: false));
        m.Machine.On(1, () => m.Ipi.CallSingle(3, m.Record, "from1", wait: false));
        var waiting = m.Machine.Start(2, () => m.Ipi.CallSingle(3, m.Record, "from2", wait: true));
        Assert.False(waiting.IsCompleted);

        Assert.True(m.Machine.DeliverIpi(3));

        // One delivery takes the whole queue, in the order the calls were queued.
        Assert.Equal(["from0", "from1", "from2"], m.Runs.Select(r => r.Info));
        Assert.True(waiting.IsCompleted);
        Assert.False(m.Machine.DeliverIpi(3));
    }

    [Fact]
    public void A_cpu_spinning_for_its_own_call_still_takes_calls_sent_to_it()
    {
        using var m = new IpiMachine(cpus: 2);
        var a = m.Machine.Start(0, () => m.Ipi.CallSingle(1, m.Record, "to1", wait: true));
        var b = m.Machine.Start(1, () => m.Ipi.CallSingle(0, m.Record, "to0", wait: true));
        Assert.False(a.IsCompleted);
        Assert.False(b.IsCompleted);

        m.Machine.Drain();

        Assert.True(a.IsCompleted && b.IsCompleted);
        Assert.Equal([1], m.RanOn("to1"));
        Assert.Equal([0], m.RanOn("to0"));
    }

    [Fact]
    public void The_catalog_finds_the_reference_and_builds_it_by_the_contract_convention()
    {
        var entry = ImplementationCatalog.Find(Mechanism.CrossCall, "reference");
        Assert.Equal(typeof(GenericIpi), entry.Type);
        using var machine = new SequentialPlatform(2);
        var built = ImplementationFactory.CreateCrossCall(entry.Type, machine);
        var ran = false;
        machine.On(0, () => built.CallSingle(1, _ => ran = true, null, wait: false));
        machine.Drain();
        Assert.True(ran);
    }
}
