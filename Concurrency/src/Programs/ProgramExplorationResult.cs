using Conformance.Catalog;
using Conformance.Concurrency.Exploration;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// What exploring generated programs found: how many programs and schedules ran and how long they took,
/// and the first failure: the program
/// as drawn, the shrunk one, its minimised schedule and the line that reproduces it.
/// </summary>
public sealed record ProgramExplorationResult(Mechanism Mechanism, string Implementation, long Programs, long Schedules, long Steps, TimeSpan Elapsed)
{
    /// <summary>The failing program as it was drawn; null when everything passed.</summary>
    public ConcurrentProgram? Drawn { get; init; }

    /// <summary>The failure on the shrunk program, its schedule minimised; null when everything passed.</summary>
    public ExplorationResult? Failure { get; init; }

    public ProgramReproduction? Reproduction { get; init; }

    /// <summary>Wall time from the start to the detection of the failure, before shrinking and minimising.</summary>
    public TimeSpan? Detected { get; init; }

    public bool Passed => Failure is null;

    public double ProgramsPerSecond => Elapsed.TotalSeconds > 0 ? Programs / Elapsed.TotalSeconds : 0;

    public double SchedulesPerSecond => Elapsed.TotalSeconds > 0 ? Schedules / Elapsed.TotalSeconds : 0;
}
