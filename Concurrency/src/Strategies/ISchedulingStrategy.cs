using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Strategies;

/// <summary>
/// Picks what happens at each scheduling point of a controlled run. A strategy is used by one
/// iteration at a time; every random choice it makes must flow from the iteration's seed.
/// </summary>
public interface ISchedulingStrategy
{
    /// <summary>The family name: random, probabilistic, pct, fairpct, dfs, portfolio, replay.</summary>
    string Name { get; }

    /// <summary>
    /// Starts iteration <paramref name="iteration"/>, whose own seed is <paramref name="seed"/>. Returns
    /// false when the strategy has nothing left to explore (an exhaustive search is done).
    /// </summary>
    bool BeginIteration(long iteration, ulong seed);

    /// <summary>
    /// The exact configuration of the current iteration (for example <c>pct-d3-k120</c>): with the
    /// iteration's seed, <see cref="StrategyCatalog.Create"/> of it replays the iteration alone.
    /// </summary>
    string Describe();

    /// <summary>An index into <paramref name="choices"/> (never empty). <paramref name="running"/> is -1 at the start.</summary>
    int Next(IReadOnlyList<Choice> choices, int running, PointKind kind);

    /// <summary>
    /// Whether an iteration depends on the iterations before it (an exhaustive search does), so the
    /// iterations cannot run in parallel and cannot be replayed from their seed alone.
    /// </summary>
    bool IsSequential => false;

    /// <summary>
    /// Tells the strategy how many contested steps (decisions with more than one choice) iterations have
    /// taken so far, for strategies that spread their decisions over a run (PCT's k).
    /// </summary>
    void UseContestedSteps(int steps)
    {
    }
}
