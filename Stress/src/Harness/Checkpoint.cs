using System.Globalization;
using Conformance.Smp;

namespace Conformance.Stress.Harness;

/// <summary>
/// A barrier every CPU passes after each block of its stream and at its end. When all have arrived
/// (and, for cross-calls, each has taken every IPI pending on it, so every handler has finished), CPU0
/// runs the mechanism's mid-run oracle with everyone still, decides whether the time budget is spent,
/// and lets them go. It makes the history quiescent at every checkpoint, so the linearizability check
/// gets segments of bounded size, and it lets a lost call be seen long before the end of the run.
/// </summary>
internal sealed class Checkpoint
{
    private readonly Platform platform;
    private readonly int cpus;
    private readonly bool drainIpis;
    private readonly Action atCheckpoint;
    private readonly Func<bool> timeUp;
    private readonly Word arrived;
    private readonly Word drained;
    private readonly Word released;
    private readonly Word stop;
    private readonly int[] passed;

    public Checkpoint(Platform platform, bool drainIpis, Action atCheckpoint, Func<bool> timeUp)
    {
        this.platform = platform;
        cpus = platform.CpuCount;
        this.drainIpis = drainIpis;
        this.atCheckpoint = atCheckpoint;
        this.timeUp = timeUp;
        arrived = platform.NewWord("stress checkpoint arrived");
        drained = platform.NewWord("stress checkpoint drained");
        released = platform.NewWord("stress checkpoint released");
        stop = platform.NewWord("stress stop");
        passed = new int[cpus];
    }

    /// <summary>How many checkpoints every CPU has passed. Not a scheduling point.</summary>
    public long Completed => released.Peek();

    /// <summary>Whether the time budget stopped the streams early. Not a scheduling point.</summary>
    public bool Stopped => stop.Peek() != 0;

    /// <summary>Waits at the next checkpoint with every other CPU; true when the streams must stop here.</summary>
    public bool Pass(int cpu)
    {
        var generation = ++passed[cpu];
        var everyone = (long)cpus * generation;
        arrived.Add(1);
        platform.WaitUntil(() => arrived.Read() >= everyone, new Waiting(this, generation, "the other CPUs to arrive"));
        if (drainIpis)
        {
            // Taken with interrupts enabled: the wait itself delivers what is pending on this CPU.
            platform.WaitUntil(() => !platform.HasPendingIpi(cpu), new Waiting(this, generation, "its pending IPIs to be taken"));
            drained.Add(1);
            platform.WaitUntil(() => drained.Read() >= everyone, new Waiting(this, generation, "every CPU to take its IPIs"));
        }
        if (cpu == 0)
        {
            atCheckpoint();
            if (timeUp())
            {
                stop.Write(1);
            }
            released.Write(generation);
        }
        else
        {
            platform.WaitUntil(() => released.Read() >= generation, new Waiting(this, generation, "CPU0 to check and release"));
        }
        return stop.Read() != 0;
    }

    private sealed class Waiting(Checkpoint checkpoint, int generation, string what)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture,
                $"stress checkpoint {generation} ({checkpoint.arrived.Peek() - ((long)checkpoint.cpus * (generation - 1))} of {checkpoint.cpus} CPUs arrived): {what}");
    }
}
