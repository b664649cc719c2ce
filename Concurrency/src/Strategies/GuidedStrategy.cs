using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Strategies;

/// <summary>
/// Follows a path of decisions given by contested-step index (<c>12.1</c>: at the 13th decision with
/// more than one choice, take choice 1) and otherwise keeps the running context going (else the first
/// choice). It replays one schedule of a depth-first search without the search before it, and it is
/// how the minimiser tries a schedule with fewer preemptions. A lenient path (the minimiser's, after
/// it removed a decision and the run took another course) falls back to the default where its pick
/// does not exist; a strict one fails as a divergent replay.
/// </summary>
public sealed class GuidedStrategy(string family, IReadOnlyDictionary<int, int> path, bool lenient = false) : ISchedulingStrategy
{
    private int contested;

    public string Name => family;

    public IReadOnlyDictionary<int, int> Path => path;

    public bool BeginIteration(long iteration, ulong seed)
    {
        contested = 0;
        return true;
    }

    public string Describe() =>
        path.Count == 0 ? family : $"{family}@{string.Join(",", path.OrderBy(p => p.Key).Select(p => $"{p.Key}.{p.Value}"))}";

    public int Next(IReadOnlyList<Choice> choices, int running, PointKind kind)
    {
        var step = contested++;
        if (path.TryGetValue(step, out var pick))
        {
            if (pick >= choices.Count && lenient)
            {
                pick = -1;
            }
            else if (pick >= choices.Count)
            {
                throw new Controlled.ReplayDivergenceException(
                    $"replay diverged at contested decision {step}: the path picks choice {pick} of {choices.Count}");
            }
            if (pick >= 0)
            {
                return pick;
            }
        }
        var keep = ChoiceIdentity.KeepRunning(choices, running);
        return keep >= 0 ? keep : 0;
    }
}
