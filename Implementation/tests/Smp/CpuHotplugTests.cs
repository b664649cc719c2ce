using Conformance.Backends.Sequential;
using Conformance.Smp;
using Xunit;

namespace Conformance.Implementation.Tests.Smp;

/// <summary>
/// The platform's minimal CPU hotplug, step by step on the sequential backend: cpu_down and cpu_up
/// change the online mask, misuse is a clear error, and an IPI raised to a CPU that is offline (or went
/// offline after the sender looked) is still taken there, while a CPU the machine does not have is a
/// violation.
/// </summary>
public sealed class CpuHotplugTests
{
    [Fact]
    public void Cpu_down_and_cpu_up_change_the_online_mask()
    {
        using var machine = new SequentialPlatform(4);
        Assert.Equal(CpuMask.All(4), machine.OnlineMask);

        machine.On(0, () => machine.CpuDown(2));
        Assert.Equal(CpuMask.Of(0, 1, 3), machine.OnlineMask);
        machine.On(3, () => machine.CpuDown(1));
        Assert.Equal(CpuMask.Of(0, 3), machine.OnlineMask);

        machine.On(3, () => machine.CpuUp(2));
        Assert.Equal(CpuMask.Of(0, 2, 3), machine.OnlineMask);
        machine.On(0, () => machine.CpuUp(1));
        Assert.Equal(CpuMask.All(4), machine.OnlineMask);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(64)]
    public void A_cpu_the_machine_does_not_have_is_out_of_range(int cpu)
    {
        using var machine = new SequentialPlatform(3);

        var down = Assert.Throws<ArgumentOutOfRangeException>(() => machine.On(0, () => machine.CpuDown(cpu)));
        var up = Assert.Throws<ArgumentOutOfRangeException>(() => machine.On(0, () => machine.CpuUp(cpu)));

        Assert.Contains("CPUs 0 to 2", down.Message, StringComparison.Ordinal);
        Assert.Contains($"cpu_up(CPU{cpu})", up.Message, StringComparison.Ordinal);
        Assert.Equal(CpuMask.All(3), machine.OnlineMask);
    }

    [Fact]
    public void A_cpu_does_not_take_itself_down()
    {
        using var machine = new SequentialPlatform(3);

        var error = Assert.Throws<InvalidOperationException>(() => machine.On(1, () => machine.CpuDown(1)));

        Assert.Contains("cpu_down(CPU1) called on CPU1 itself", error.Message, StringComparison.Ordinal);
        Assert.Equal(CpuMask.All(3), machine.OnlineMask);
    }

    [Fact]
    public void Taking_an_offline_cpu_down_or_an_online_one_up_is_refused()
    {
        using var machine = new SequentialPlatform(3);
        machine.On(0, () => machine.CpuDown(2));

        var again = Assert.Throws<InvalidOperationException>(() => machine.On(1, () => machine.CpuDown(2)));
        var online = Assert.Throws<InvalidOperationException>(() => machine.On(1, () => machine.CpuUp(0)));

        Assert.Contains("CPU2 is offline already", again.Message, StringComparison.Ordinal);
        Assert.Contains("CPU0 is online already", online.Message, StringComparison.Ordinal);
        Assert.Equal(CpuMask.Of(0, 1), machine.OnlineMask);
    }

    [Fact]
    public void The_last_online_cpu_stays_up()
    {
        using var machine = new SequentialPlatform(2);
        machine.On(1, () => machine.CpuDown(0));

        // CPU0 is offline but still runs code: it may not take the last online CPU down.
        var error = Assert.Throws<InvalidOperationException>(() => machine.On(0, () => machine.CpuDown(1)));

        Assert.Contains("last online CPU", error.Message, StringComparison.Ordinal);
        Assert.Equal(CpuMask.Of(1), machine.OnlineMask);
    }

    [Fact]
    public void An_ipi_to_a_cpu_gone_offline_is_still_delivered()
    {
        using var machine = new SequentialPlatform(3);
        var ranOn = new List<int>();
        machine.RegisterIpiHandler(IpiVector.CallFunction, () => ranOn.Add(machine.ThisCpu));
        machine.RegisterIpiHandler(IpiVector.CallFunctionSingle, () => ranOn.Add(-machine.ThisCpu));

        // The sender computed its targets while CPU1 was online; CPU1 goes down before the IPI is raised.
        machine.On(0, () => machine.SendIpiMask(CpuMask.Of(1, 2), IpiVector.CallFunction));
        machine.On(2, () => machine.CpuDown(1));
        machine.On(0, () => machine.SendIpi(1, IpiVector.CallFunctionSingle));

        Assert.Equal([IpiVector.CallFunction], machine.PendingIpis(2));
        Assert.Equal([IpiVector.CallFunction, IpiVector.CallFunctionSingle], machine.PendingIpis(1));
        Assert.True(machine.DeliverIpi(1));
        Assert.True(machine.DeliverIpi(2));
        Assert.Equal([1, -1, 2], ranOn);
        Assert.False(machine.OnlineMask.Contains(1));
    }

    [Fact]
    public void An_empty_mask_raises_nothing_and_a_cpu_the_machine_does_not_have_is_a_violation()
    {
        using var machine = new SequentialPlatform(3);
        machine.RegisterIpiHandler(IpiVector.CallFunction, () => { });

        machine.On(0, () => machine.SendIpiMask(CpuMask.Empty, IpiVector.CallFunction));
        var error = Assert.Throws<PlatformViolationException>(() => machine.On(0, () => machine.SendIpiMask(CpuMask.Of(1, 5), IpiVector.CallFunction)));

        Assert.Contains("CPU5, which the machine does not have (CPUs 0 to 2)", error.Message, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, 3), cpu => Assert.False(machine.HasPendingIpi(cpu)));
    }

    [Fact]
    public void A_cpu_spinning_on_the_online_mask_resumes_when_the_cpu_comes_up()
    {
        using var machine = new SequentialPlatform(3);
        machine.On(0, () => machine.CpuDown(2));

        var waiter = machine.Start(1, () => machine.WaitUntil(() => machine.OnlineMask.Contains(2), "CPU2 online"));
        Assert.False(waiter.IsCompleted);
        Assert.Equal("CPU2 online", waiter.WaitingFor);

        machine.On(0, () => machine.CpuUp(2));

        Assert.True(waiter.IsCompleted);
    }
}
