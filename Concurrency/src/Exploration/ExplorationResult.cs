namespace Conformance.Concurrency.Exploration;

/// <summary>
/// The result of exploring a scenario: how many iterations ran and how long they took, whether an
/// exhaustive strategy finished its search space (a bounded proof), and the first failure with the
/// line that reproduces it.
/// </summary>
public sealed record ExplorationResult(
    string Scenario,
    string Strategy,
    long Iterations,
    long Steps,
    TimeSpan Elapsed,
    bool Exhausted,
    IterationOutcome? Failure,
    Reproduction? Reproduction)
{
    /// <summary>The failing iteration as the strategy found it, before minimisation.</summary>
    public IterationOutcome? Found { get; init; }

    /// <summary>
    /// Wall time from the start of the exploration to the detection of the failing iteration, before
    /// shrinking and minimisation (which <see cref="Elapsed"/> includes); null when it passed.
    /// </summary>
    public TimeSpan? Detected { get; init; }

    /// <summary>Per clause, the first iteration that deviated from the kernel's reading (a run at the seed's rules).</summary>
    public IReadOnlyDictionary<string, IterationOutcome> Deviations { get; init; } = new Dictionary<string, IterationOutcome>();

    public bool Passed => Failure is null;

    public double SchedulesPerSecond => Elapsed.TotalSeconds > 0 ? Iterations / Elapsed.TotalSeconds : 0;
}
