using Conformance.Smp;
using Conformance.Stress.Checking;

namespace Conformance.Stress;

/// <summary>
/// One stress run: its seed (every operation stream and every chaos choice follows from it), the machine
/// size, the operation count and the wall-time budget that bound it, chaos, and the limits of the
/// linearizability check.
/// </summary>
public sealed record StressOptions
{
    /// <summary>Printed with every failure; the reproduction string carries it.</summary>
    public ulong Seed { get; init; }

    /// <summary>The rule set the oracles hold the implementation to (see <see cref="Contracts.RuleSet"/>).</summary>
    public Contracts.RuleSet Rules { get; init; } = Contracts.RuleSet.Kernel;

    /// <summary>CPUs of the threaded machine (one OS thread each; more than the cores is fine).</summary>
    public int Cpus { get; init; } = 4;

    /// <summary>Operations over all CPUs: each CPU's stream is <c>Operations / Cpus</c> long (at least one).</summary>
    public int Operations { get; init; } = 4000;

    /// <summary>Random delays at scheduling points, seeded from <see cref="Seed"/>.</summary>
    public bool Chaos { get; init; } = true;

    /// <summary>The chance that a scheduling point delays, when <see cref="Chaos"/> is on.</summary>
    public double ChaosProbability { get; init; } = 0.05;

    /// <summary>
    /// Wall time after which the CPUs stop their streams at the next checkpoint (then let go of what they
    /// hold): the run ends by itself, with fewer operations done.
    /// </summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long the machine may go without progress (no operation starting or finishing) before the run
    /// is stopped, and how much longer than <see cref="TimeBudget"/> it may take in all (the threaded
    /// backend's time limit is the budget plus this): a call that never runs, a deadlock or a livelock
    /// shows up as a run that stopped making progress.
    /// </summary>
    public TimeSpan HangGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Operations of each CPU's stream between two checkpoints.</summary>
    public int CheckpointEvery { get; init; } = 16;

    /// <summary>Steps and time the linearizability check may spend before it answers Unknown.</summary>
    public CheckLimits Check { get; init; } = CheckLimits.Default;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Cpus, 2, nameof(Cpus));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Cpus, Platform.MaxCpus, nameof(Cpus));
        ArgumentOutOfRangeException.ThrowIfLessThan(Operations, 1, nameof(Operations));
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointEvery, 1, nameof(CheckpointEvery));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TimeBudget, TimeSpan.Zero, nameof(TimeBudget));
        ArgumentOutOfRangeException.ThrowIfLessThan(HangGrace, TimeSpan.Zero, nameof(HangGrace));
        if (double.IsNaN(ChaosProbability) || ChaosProbability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ChaosProbability), ChaosProbability, "a probability is between 0 and 1");
        }
        ArgumentNullException.ThrowIfNull(Check);
        Check.Validate();
    }
}
