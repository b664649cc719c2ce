using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Strategies;

/// <summary>
/// Picks what happens at each scheduling point of a controlled run. A strategy is used by one
/// iteration at a time; every random choice it makes must flow from the iteration's seed.
/// </summary>
public interface ISchedulingStrategy
{
    /// <summary>The name used in reproduction strings: random, pct, dfs, ...</summary>
    string Name { get; }

    /// <summary>Starts an iteration. Returns false when the strategy has nothing left to explore (an exhaustive search is done).</summary>
    bool BeginIteration(ulong seed);

    /// <summary>An index into <paramref name="choices"/> (never empty). <paramref name="running"/> is -1 at the start.</summary>
    int Next(IReadOnlyList<Choice> choices, int running, PointKind kind);
}
