namespace Conformance.Concurrency.Exploration;

/// <summary>How to explore: a strategy, a run seed, and caps on iterations and time.</summary>
public sealed record ExplorationOptions
{
    /// <summary>A strategy name or exact description (see <c>StrategyCatalog</c>); the portfolio by default.</summary>
    public string Strategy { get; init; } = "portfolio";

    public ulong Seed { get; init; }

    /// <summary>The most iterations of the whole run (a shard runs its part of them).</summary>
    public long Iterations { get; init; } = 1000;

    /// <summary>Stops after this much wall time, whatever the iteration cap (checked between batches).</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>Iterations run at once; results do not depend on it.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public Shard Shard { get; init; } = Shard.Whole;

    /// <summary>Take preemptions out of a failing schedule while it still fails the same way.</summary>
    public bool Minimise { get; init; } = true;

    /// <summary>Replay the failing iteration with values traced, for the report.</summary>
    public bool TraceValues { get; init; } = true;
}
