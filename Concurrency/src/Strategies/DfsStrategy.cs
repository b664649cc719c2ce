using System.Globalization;
using System.Text;
using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Strategies;

/// <summary>
/// Depth-first search over schedules with at most <see cref="PreemptionBound"/> preemptions (switching
/// away from, or interrupting, a context that could have gone on). When <see cref="BeginIteration"/>
/// returns false the search is complete: every schedule within the bound has run, which is a bounded
/// proof for the scenario. loom's observation: a bound of 2 or 3 catches most bugs.
/// </summary>
public sealed class DfsStrategy(int preemptionBound = 2) : ISchedulingStrategy
{
    private readonly List<Frame> stack = [];
    private int depth;
    private int preemptions;
    private bool started;

    public int PreemptionBound { get; } = preemptionBound >= 0 ? preemptionBound : throw new ArgumentOutOfRangeException(nameof(preemptionBound));

    public string Name => "dfs";

    public bool IsSequential => true;

    public bool BeginIteration(long iteration, ulong seed)
    {
        depth = 0;
        preemptions = 0;
        if (!started)
        {
            started = true;
            return true;
        }
        // Backtrack: the deepest decision with an untried alternative takes its next one.
        while (stack.Count > 0)
        {
            var top = stack[^1];
            if (top.Position + 1 < top.Alternatives.Length)
            {
                top.Position++;
                return true;
            }
            stack.RemoveAt(stack.Count - 1);
        }
        return false;
    }

    /// <summary>The decisions that differ from the default (keep running, else the first choice): <c>dfs-p2@12.1,40.2</c>.</summary>
    public string Describe()
    {
        var path = new StringBuilder();
        for (var i = 0; i < stack.Count; i++)
        {
            if (stack[i].Position > 0)
            {
                path.Append(path.Length > 0 ? "," : "@").Append(CultureInfo.InvariantCulture, $"{i}.{stack[i].Alternatives[stack[i].Position]}");
            }
        }
        return $"{Name}-p{PreemptionBound}{path}";
    }

    public int Next(IReadOnlyList<Choice> choices, int running, PointKind kind)
    {
        Frame frame;
        if (depth < stack.Count)
        {
            frame = stack[depth];
            if (frame.Options != choices.Count)
            {
                throw new InvalidOperationException(
                    $"the scenario is not deterministic: decision {depth} had {frame.Options} choices before and {choices.Count} now");
            }
        }
        else
        {
            frame = new Frame(choices, running, preemptions < PreemptionBound);
            stack.Add(frame);
        }
        depth++;
        var pick = frame.Alternatives[frame.Position];
        if (frame.Keep >= 0 && pick != frame.Keep)
        {
            preemptions++;
        }
        return pick;
    }

    private sealed class Frame
    {
        public Frame(IReadOnlyList<Choice> choices, int running, bool mayPreempt)
        {
            Options = choices.Count;
            Keep = ChoiceIdentity.KeepRunning(choices, running);
            if (Keep < 0)
            {
                // The running context cannot go on: every choice is free.
                Alternatives = Enumerable.Range(0, choices.Count).ToArray();
            }
            else
            {
                var keep = Keep;
                Alternatives = mayPreempt
                    ? [keep, .. Enumerable.Range(0, choices.Count).Where(i => i != keep)]
                    : [keep];
            }
        }

        public int Options { get; }

        public int Keep { get; }

        public int[] Alternatives { get; }

        public int Position { get; set; }
    }
}
