using Conformance.Smp;
using Xunit;

namespace Conformance.Implementation.Tests.CrossCall;

/// <summary>smp_call_function_many and smp_call_function: the cfd path, the fast path, and the WARN_ON.</summary>
public sealed class GenericIpiManyTests
{
    [Fact]
    public void A_call_to_three_cpus_runs_once_on_each_when_each_takes_its_ipi()
    {
        using var m = new IpiMachine(cpus: 4);
        m.Machine.On(0, () => m.Ipi.CallMany(CpuMask.Of(1, 2, 3), m.Record, "m", wait: false));
        foreach (var cpu in new[] { 1, 2, 3 })
        {
            Assert.Equal([IpiVector.CallFunction], m.Machine.PendingIpis(cpu));
        }
        Assert.Empty(m.Runs);

        Assert.True(m.Machine.DeliverIpi(3));
        Assert.True(m.Machine.DeliverIpi(1));
        Assert.True(m.Machine.DeliverIpi(2));

        Assert.Equal([3, 1, 2], m.RanOn("m"));
        Assert.All(m.Runs, r => Assert.True(r.InInterrupt && r.IrqsDisabled));
        m.Machine.Drain();
        Assert.Equal(3, m.Runs.Count);
    }

    [Fact]
    public void A_waiting_call_returns_only_after_the_last_target_has_run_it()
    {
        using var m = new IpiMachine(cpus: 4);
        var call = m.Machine.Start(2, () => m.Ipi.CallMany(CpuMask.Of(0, 1, 2, 3), m.Record, "w", wait: true));
        Assert.False(call.IsCompleted);
        Assert.Contains("csd_wait(cfd_data[2].csd)", call.WaitingFor, StringComparison.Ordinal);

        Assert.True(m.Machine.DeliverIpi(0));
        Assert.True(m.Machine.DeliverIpi(3));
        Assert.False(call.IsCompleted);

        Assert.True(m.Machine.DeliverIpi(1));
        Assert.True(call.IsCompleted);
        Assert.Null(call.Exception);
        Assert.Equal([0, 3, 1], m.RanOn("w"));
    }

    [Fact]
    public void The_callers_cpu_and_offline_cpus_in_the_mask_are_left_out()
    {
        using var m = new IpiMachine(cpus: 3);
        m.Machine.On(1, () => m.Ipi.CallMany(new CpuMask(ulong.MaxValue), m.Record, "all", wait: false));
        m.Machine.Drain();
        Assert.Equal([0, 2], m.RanOn("all").Order());
    }

    [Fact]
    public void A_mask_with_one_other_cpu_takes_the_single_call_fast_path()
    {
        using var m = new IpiMachine(cpus: 4);
        m.Machine.On(0, () => m.Ipi.CallMany(CpuMask.Of(0, 2), m.Record, "fast", wait: false));
        Assert.Equal([IpiVector.CallFunctionSingle], m.Machine.PendingIpis(2));
        Assert.False(m.Machine.HasPendingIpi(0));

        Assert.True(m.Machine.DeliverIpi(2));
        Assert.Equal([2], m.RanOn("fast"));
    }

    [Fact]
    public void A_mask_with_no_other_online_cpu_does_nothing()
    {
        using var m = new IpiMachine(cpus: 4);
        m.Machine.On(1, () => m.Ipi.CallMany(CpuMask.Of(1), m.Record, "none", wait: true));
        m.Machine.On(1, () => m.Ipi.CallMany(CpuMask.Empty, m.Record, "none", wait: true));
        m.Machine.On(1, () => m.Ipi.CallMany(CpuMask.Of(1, 9, 40), m.Record, "none", wait: true));
        for (var cpu = 0; cpu < 4; cpu++)
        {
            Assert.False(m.Machine.HasPendingIpi(cpu));
        }
        Assert.Empty(m.Runs);
    }

    [Fact]
    public void Smp_call_function_runs_on_every_other_online_cpu()
    {
        using var m = new IpiMachine(cpus: 4);
        var call = m.Machine.Start(3, () => Assert.Equal(0, m.Ipi.Call(m.Record, "everyone", wait: true)));
        Assert.False(call.IsCompleted);
        m.Machine.Drain();
        Assert.True(call.IsCompleted);
        Assert.Null(call.Exception);
        Assert.Equal([0, 1, 2], m.RanOn("everyone").Order());
    }

    [Fact]
    public void Calling_many_with_interrupts_disabled_is_an_error_and_sends_nothing()
    {
        using var m = new IpiMachine(cpus: 4);
        var many = Assert.Throws<PlatformViolationException>(() => m.Machine.On(0, () =>
        {
            m.Machine.LocalIrqDisable();
            m.Ipi.CallMany(CpuMask.Of(1, 2), m.Record, "x", wait: true);
        }));
        Assert.Contains("interrupts disabled", many.Message, StringComparison.Ordinal);
        Assert.Throws<PlatformViolationException>(() => m.Machine.On(1, () =>
        {
            var flags = m.Machine.LocalIrqSave();
            m.Ipi.Call(m.Record, "y", wait: false);
            m.Machine.LocalIrqRestore(flags);
        }));
        for (var cpu = 0; cpu < 4; cpu++)
        {
            Assert.False(m.Machine.HasPendingIpi(cpu));
        }
        Assert.Empty(m.Runs);
    }

    [Fact]
    public void A_second_call_many_from_the_same_cpu_waits_for_every_target_of_the_first()
    {
        using var m = new IpiMachine(cpus: 3);
        m.Machine.On(0, () => m.Ipi.CallMany(CpuMask.Of(1, 2), m.Record, "one", wait: false));
        var second = m.Machine.Start(0, () => m.Ipi.CallMany(CpuMask.Of(1, 2), m.Record, "two", wait: false));
        Assert.Contains("csd_lock(cfd_data[0].csd)", second.WaitingFor, StringComparison.Ordinal);

        Assert.True(m.Machine.DeliverIpi(1));
        Assert.False(second.IsCompleted);
        // The last target deletes and unlocks the entry: the second call re-uses it.
        Assert.True(m.Machine.DeliverIpi(2));
        Assert.True(second.IsCompleted);

        m.Machine.Drain();
        Assert.Equal([1, 2], m.RanOn("one"));
        Assert.Equal([1, 2], m.RanOn("two"));
    }

    [Fact]
    public void Two_cpus_calling_each_other_and_a_third_with_wait_both_finish()
    {
        using var m = new IpiMachine(cpus: 3);
        var a = m.Machine.Start(0, () => m.Ipi.CallMany(CpuMask.Of(1, 2), m.Record, "from0", wait: true));
        var b = m.Machine.Start(1, () => m.Ipi.CallMany(CpuMask.Of(0, 2), m.Record, "from1", wait: true));
        Assert.False(a.IsCompleted || b.IsCompleted);

        m.Machine.Drain();

        Assert.True(a.IsCompleted && b.IsCompleted);
        Assert.Equal([1, 2], m.RanOn("from0").Order());
        Assert.Equal([0, 2], m.RanOn("from1").Order());
    }

    [Fact]
    public void Each_target_runs_each_call_with_that_calls_info()
    {
        using var m = new IpiMachine(cpus: 3);
        m.Machine.On(0, () => m.Ipi.CallMany(CpuMask.Of(1, 2), m.Record, "p", wait: false));
        m.Machine.On(1, () => m.Ipi.CallMany(CpuMask.Of(0, 2), m.Record, "q", wait: false));
        // CPU2 takes both calls in one walk, newest entry first.
        Assert.True(m.Machine.DeliverIpi(2));
        Assert.Equal(["q", "p"], m.Runs.Select(r => r.Info));
        m.Machine.Drain();
        Assert.Equal([2, 1], m.RanOn("p"));
        Assert.Equal([2, 0], m.RanOn("q"));
    }
}
