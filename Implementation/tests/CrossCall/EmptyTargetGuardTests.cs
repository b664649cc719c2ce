using Conformance.Backends.Sequential;
using Conformance.CrossCall;
using Conformance.Mutants;
using Conformance.Smp;
using Xunit;

namespace Conformance.Implementation.Tests.CrossCall;

/// <summary>
/// The publish step's empty-target guard (723aae25d5cd): driven directly, and reached through call_many
/// when both targets go offline while the caller spins in csd_lock after its early checks.
/// </summary>
public sealed class EmptyTargetGuardTests
{
    [Fact]
    public void Targets_gone_offline_after_the_early_checks_leave_the_entry_unlocked()
    {
        using var machine = new SequentialPlatform(4);
        var (ranOn, third) = CallWhileTargetsGoDown(machine, new GenericIpi(machine));

        Assert.True(third.IsCompleted);
        machine.Drain();
        // R2 ran nowhere: no CPU was online and in its mask during the whole call.
        Assert.Equal([(1, "R1"), (2, "R1"), (1, "R3"), (2, "R3")], ranOn);
    }

    [Fact]
    public void Without_the_guard_the_next_call_spins_in_csd_lock_forever()
    {
        using var machine = new SequentialPlatform(4);
        var (ranOn, third) = CallWhileTargetsGoDown(machine, new IpiEmptyMaskKeepsLock(machine));

        Assert.False(third.IsCompleted);
        Assert.Contains("csd_lock(cfd_data[0].csd)", third.WaitingFor, StringComparison.Ordinal);
        Assert.Throws<DeadlockException>(machine.Drain);
        Assert.Equal([(1, "R1"), (2, "R1")], ranOn);
    }

    /// <summary>
    /// R1 to CPU1 and CPU2; R2 passes the early checks and spins in csd_lock; CPU3 takes both targets
    /// down; they still take R1 (the last one csd_unlocks it), so R2 publishes against an empty online
    /// set; both come back up, and R3 is issued. Returns what ran where and R3's handle.
    /// </summary>
    private static (List<(int Cpu, string Call)> RanOn, OperationHandle Third) CallWhileTargetsGoDown(SequentialPlatform machine, GenericIpi ipi)
    {
        var ranOn = new List<(int Cpu, string Call)>();
        void Call(string name) => ipi.CallMany(CpuMask.Of(1, 2), info => ranOn.Add((machine.ThisCpu, (string)info!)), name, wait: false);

        machine.On(0, () => Call("R1"));
        var second = machine.Start(0, () => Call("R2"));
        Assert.False(second.IsCompleted);
        machine.On(3, () => machine.CpuDown(1));
        machine.On(3, () => machine.CpuDown(2));
        Assert.True(machine.DeliverIpi(1));
        Assert.True(machine.DeliverIpi(2));
        Assert.True(second.IsCompleted);
        Assert.Null(second.Exception);
        machine.On(3, () => machine.CpuUp(1));
        machine.On(3, () => machine.CpuUp(2));
        return (ranOn, machine.Start(0, () => Call("R3")));
    }

    [Fact]
    public void An_empty_effective_target_set_unlocks_the_entry_and_publishes_nothing()
    {
        using var machine = new SequentialPlatform(3);
        var ipi = new PublishProbe(machine);

        var published = machine.On(0, () => ipi.LockAndPublish(CpuMask.Of(0)));

        Assert.False(published);
        Assert.Equal(0, ipi.CfdFlags(0));
        Assert.True(ipi.QueueIsEmpty);
        Assert.All(Enumerable.Range(0, 3), cpu => Assert.Empty(machine.PendingIpis(cpu)));
        // The entry is free again: the next call_many from CPU0 does not spin in csd_lock.
        var ran = new List<int>();
        machine.On(0, () => ipi.CallMany(CpuMask.Of(1, 2), _ => ran.Add(machine.ThisCpu), null, wait: false));
        machine.Drain();
        Assert.Equal([1, 2], ran.Order());
    }

    [Fact]
    public void A_non_empty_set_is_published_with_its_refs()
    {
        using var machine = new SequentialPlatform(3);
        var ipi = new PublishProbe(machine);

        var published = machine.On(0, () => ipi.LockAndPublish(CpuMask.Of(0, 1, 2)));

        Assert.True(published);
        Assert.False(ipi.QueueIsEmpty);
        Assert.Equal(CallSingleData.CsdFlagLock, ipi.CfdFlags(0));
    }

    private sealed class PublishProbe(Platform platform) : GenericIpi(platform)
    {
        public bool QueueIsEmpty => ReferenceEquals(CallFunctionQueue.Next.Peek(), CallFunctionQueue);

        public long CfdFlags(int cpu) => CfdData[cpu].Csd.Flags.Peek();

        // smp_call_function_many's csd_lock and publish, without its early checks.
        public bool LockAndPublish(CpuMask mask)
        {
            var data = CfdData[Platform.ThisCpu];
            CsdLock(data.Csd);
            return CallFunctionPublish(data, mask, _ => { }, null, wait: false);
        }
    }
}
