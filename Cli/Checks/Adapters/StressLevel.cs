using Conformance.Stress;

namespace Conformance.Cli.Checks.Adapters;

/// <summary>What one level of the stress check runs: the machine, each run's operations, and the most runs.</summary>
internal sealed record StressLevel(int Cpus, int Operations, int Runs)
{
    /// <summary>A run always gets at least this long, so the first run of a tiny budget still does something.</summary>
    private static readonly TimeSpan MinimumRunBudget = TimeSpan.FromMilliseconds(500);

    public static StressLevel For(CheckLevel level) => level switch
    {
        CheckLevel.Quick => new(Cpus: 4, Operations: 1000, Runs: 6),
        CheckLevel.Thorough => new(Cpus: 6, Operations: 12_000, Runs: 200),
        _ => new(Cpus: 4, Operations: 4000, Runs: 30),
    };

    /// <summary>
    /// The options of the run with <paramref name="seed"/>: its streams stop at the next checkpoint once
    /// <paramref name="remaining"/> (what is left of the check's budget) is spent. The hang grace stays
    /// at its default: a shorter one would call a machine starved by a busy host a hang.
    /// </summary>
    public StressOptions Options(ulong seed, TimeSpan remaining) => new()
    {
        Seed = seed,
        Cpus = Cpus,
        Operations = Operations,
        TimeBudget = remaining < MinimumRunBudget ? MinimumRunBudget : remaining,
    };
}
