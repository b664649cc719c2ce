namespace Conformance.Concurrency.Exploration;

/// <summary>How long and how to explore: a strategy, a run seed, and an iteration cap.</summary>
public sealed record ExplorationOptions
{
    public string Strategy { get; init; } = "random";

    public ulong Seed { get; init; }

    public long Iterations { get; init; } = 1000;

    /// <summary>Record values read and written in the failing iteration's replay (for the report).</summary>
    public bool TraceValues { get; init; } = true;
}
