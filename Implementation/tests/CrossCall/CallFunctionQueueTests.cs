using Conformance.Backends.Sequential;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Mutants;
using Conformance.Smp;
using Xunit;

namespace Conformance.Implementation.Tests.CrossCall;

/// <summary>
/// A CPU walking the call-function queue while the entry it stands on is deleted and re-used. The
/// walker is stopped mid-walk by a call function that spins until a gate opens: it stands on the entry
/// whose function it runs, after that entry was deleted and unlocked, while the test re-issues the call.
/// </summary>
public sealed class CallFunctionQueueTests
{
    private const int Walker = 2;

    [Fact]
    public void A_walker_re_visits_the_entries_before_a_re_queued_entry_without_running_a_call_twice_and_skips_none()
    {
        using var s = new Scenario(m => new VisitLoggingIpi(m));
        s.Run();

        // The walk: f1's entry, g0's (the walker stops in g0), then, g0's entry being back at the head,
        // f1's entry again (its bit is clear: skipped) and f3's, behind it.
        Assert.Equal(["cfd_data[1]", "cfd_data[0]", "cfd_data[1]", "cfd_data[3]"], ((VisitLoggingIpi)s.Ipi).VisitsOn(Walker));
        Assert.Equal(["f1", "g0", "f3"], s.RunsOn(Walker));
        Assert.False(s.Machine.HasPendingIpi(Walker));

        s.Machine.Drain();
        Assert.Equal([Walker, 3], s.RanOn("f1"));
        Assert.Equal([4, Walker], s.RanOn("f3"));
        Assert.Equal([4, Walker], s.RanOn("g0"));
        Assert.Equal([1, 4], s.RanOn("h0").Order());
        // Every entry was released: each owner can call again without waiting.
        foreach (var owner in new[] { 0, 1, 3 })
        {
            s.Machine.On(owner, () => s.Ipi.CallMany(CpuMask.Of(0, 1, 3).Without(owner), s.Record, "again", wait: false));
        }
        s.Machine.Drain();
        Assert.Equal(6, s.RanOn("again").Count);
    }

    [Fact]
    public void The_same_walk_with_re_used_entries_added_at_the_tail_loses_a_call()
    {
        // What the head placement prevents (the ipi-requeue-at-tail mutant): the walker follows the
        // re-queued entry to the end.
        using var s = new Scenario(m => new IpiRequeueAtTail(m));
        s.Run();

        // Queue [E3, E0, E1] (all added at the tail): the walker took f3, stopped in g0, and E0 went
        // back behind E1, where its ->next ends the walk.
        Assert.Equal(["f3", "g0"], s.RunsOn(Walker));
        Assert.False(s.Machine.HasPendingIpi(Walker));
        s.Machine.Drain();
        Assert.Equal([3], s.RanOn("f1"));
    }

    /// <summary>
    /// CPUs 0 to 4. CPU3 calls f3 on {2,4}, CPU0 calls g0 on {2,4}, CPU4 takes both, CPU1 calls f1 on
    /// {2,3}: with head placement the queue is [E1, E0, E3]. CPU2 walks: f1, then g0 as E0's last target
    /// (E0 is deleted and unlocked) and stops in g0; CPU0 re-uses E0 for {1,4}, which sends CPU2 no
    /// IPI; the gate opens and the walk goes on from E0's -&gt;next.
    /// </summary>
    private sealed class Scenario : IDisposable
    {
        private readonly List<(string Name, int Cpu)> runs = [];
        private readonly Word gate;

        public Scenario(Func<Platform, GenericIpi> create)
        {
            Machine = new SequentialPlatform(5);
            Ipi = create(Machine);
            gate = Machine.NewWord("gate");
        }

        public SequentialPlatform Machine { get; }

        public GenericIpi Ipi { get; }

        public void Record(object? info) => runs.Add(((string)info!, Machine.ThisCpu));

        public IReadOnlyList<string> RunsOn(int cpu) => runs.Where(r => r.Cpu == cpu).Select(r => r.Name).ToList();

        public IReadOnlyList<int> RanOn(string name) => runs.Where(r => r.Name == name).Select(r => r.Cpu).ToList();

        public void Run()
        {
            SmpCallFunc g0 = info =>
            {
                Record(info);
                if (Machine.ThisCpu == Walker)
                {
                    Machine.WaitUntil(() => gate.Read() != 0, "gate");
                }
            };
            Machine.On(3, () => Ipi.CallMany(CpuMask.Of(2, 4), Record, "f3", wait: false));
            Machine.On(0, () => Ipi.CallMany(CpuMask.Of(2, 4), g0, "g0", wait: false));
            Assert.True(Machine.DeliverIpi(4));
            Machine.On(1, () => Ipi.CallMany(CpuMask.Of(2, 3), Record, "f1", wait: false));

            Assert.True(Machine.DeliverIpi(Walker));
            Assert.Equal("g0", RunsOn(Walker)[^1]);
            Assert.Contains("gate", Machine.WaitingFor(Walker), StringComparison.Ordinal);

            // E0 is free again (its last target unlocked it before running g0): re-use it.
            Machine.On(0, () => Ipi.CallMany(CpuMask.Of(1, 4), Record, "h0", wait: false));

            Machine.On(1, () => gate.Write(1));
            Assert.Null(Machine.WaitingFor(Walker));
        }

        public void Dispose() => Machine.Dispose();
    }

    /// <summary>The reference, logging each entry a CPU's call-function walk visits.</summary>
    private sealed class VisitLoggingIpi(Platform platform) : GenericIpi(platform)
    {
        private readonly List<(int Cpu, string Entry)> visits = [];

        public IReadOnlyList<string> VisitsOn(int cpu) => visits.Where(v => v.Cpu == cpu).Select(v => v.Entry).ToList();

        protected override void CallFunctionEntry(CallFunctionData data, int cpu)
        {
            visits.Add((cpu, data.Name));
            base.CallFunctionEntry(data, cpu);
        }
    }
}
