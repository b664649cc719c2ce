using Conformance.Backends.Sequential;
using Conformance.CrossCall;
using Conformance.Smp;
using Xunit;

namespace Conformance.Implementation.Tests.CrossCall;

/// <summary>
/// The publish step's empty-target guard (723aae25d5cd). call_many never reaches it with an empty set
/// (its early checks see the same mask against the same online mask), so the step is driven directly.
/// </summary>
public sealed class EmptyTargetGuardTests
{
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
