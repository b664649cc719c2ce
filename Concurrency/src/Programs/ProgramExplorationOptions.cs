namespace Conformance.Concurrency.Programs;

/// <summary>How to explore generated programs: how many, how many schedules each, and the caps.</summary>
public sealed record ProgramExplorationOptions
{
    /// <summary>The run's seed: program i is drawn from it and i, and so is the seed of its schedules.</summary>
    public ulong Seed { get; init; }

    /// <summary>Programs drawn at most.</summary>
    public long Programs { get; init; } = 200;

    /// <summary>Schedules explored per program (a batch of the portfolio).</summary>
    public int SchedulesPerProgram { get; init; } = 16;

    /// <summary>A strategy name or exact description (see <c>StrategyCatalog</c>).</summary>
    public string Strategy { get; init; } = "portfolio";

    /// <summary>Stops drawing programs after this much wall time (checked between programs).</summary>
    public TimeSpan? Budget { get; init; }

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Shrink a failing program (drop CPUs and operations, simplify them) while it fails the same way.</summary>
    public bool Shrink { get; init; } = true;

    /// <summary>Schedules each candidate of the shrinking gets.</summary>
    public int ShrinkSchedules { get; init; } = 64;

    /// <summary>Candidates the shrinking tries at most.</summary>
    public int ShrinkCandidates { get; init; } = 100;

    /// <summary>Take preemptions out of the failing schedule, after the shrinking.</summary>
    public bool Minimise { get; init; } = true;
}
