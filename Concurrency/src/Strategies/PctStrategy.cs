using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Strategies;

/// <summary>
/// PCT (Burckhardt et al., ASPLOS 2010): random distinct priorities, <c>d-1</c> priority change points
/// among the first <c>k</c> contested steps (steps where more than one choice is enabled); the
/// highest-priority enabled choice always runs, and at a change point the one running drops below all
/// others. Finds a bug of depth d with probability at least 1/(n k^(d-1)) per run. Interrupt delivery
/// to a CPU has its own priority, as a thread of its own.
/// <para>
/// The fair variant (<see cref="FairAfter"/> set) switches to uniformly random choices after that many
/// steps, so a CPU spinning on a flag cannot starve the one that would set it.
/// </para>
/// </summary>
public sealed class PctStrategy : ISchedulingStrategy
{
    private readonly int[] priority = new int[ChoiceIdentity.Slots];
    private readonly List<int> changePoints = [];
    private Prng prng;
    private int contested;
    private int steps;
    private int nextLow;

    /// <param name="depth">Bug depth d (1 = no change points).</param>
    /// <param name="steps">k: contested steps over which change points are spread; 0 = learn it from earlier iterations.</param>
    /// <param name="fairAfter">Steps after which choices become uniformly random (fair PCT); 0 = never.</param>
    public PctStrategy(int depth = 3, int steps = 0, int fairAfter = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(fairAfter);
        Depth = depth;
        FixedSteps = steps;
        FairAfter = fairAfter;
        K = steps > 0 ? steps : 64;
    }

    public int Depth { get; }

    /// <summary>k as given; 0 when learnt.</summary>
    public int FixedSteps { get; }

    public int FairAfter { get; }

    /// <summary>The k of the current iteration.</summary>
    public int K { get; private set; }

    public string Name => FairAfter > 0 ? "fairpct" : "pct";

    public string Describe() => FairAfter > 0 ? $"{Name}-d{Depth}-k{K}-f{FairAfter}" : $"{Name}-d{Depth}-k{K}";

    public bool BeginIteration(long iteration, ulong seed)
    {
        prng = new Prng(seed);
        contested = 0;
        steps = 0;
        nextLow = 0;
        // Initial priorities are above every change point's, in a random order per identity.
        for (var i = 0; i < priority.Length; i++)
        {
            priority[i] = Depth + (int)(prng.NextUInt64() % 1_000_000) * priority.Length + i;
        }
        changePoints.Clear();
        for (var i = 0; i < Depth - 1; i++)
        {
            changePoints.Add(1 + prng.Next(K));
        }
        return true;
    }

    public int Next(IReadOnlyList<Choice> choices, int running, PointKind kind)
    {
        steps++;
        if (FairAfter > 0 && steps > FairAfter)
        {
            return prng.Next(choices.Count);
        }
        contested++;
        var best = Highest(choices);
        if (changePoints.Contains(contested))
        {
            // The chosen one drops below everyone; change points later in the run drop lower still.
            priority[ChoiceIdentity.Of(choices[best])] = Depth - 1 - nextLow++;
            best = Highest(choices);
        }
        return best;
    }

    /// <summary>Learns k from earlier iterations (unless it was given): the most contested steps seen.</summary>
    public void UseContestedSteps(int steps)
    {
        if (FixedSteps == 0 && steps > 0)
        {
            K = steps;
        }
    }

    private int Highest(IReadOnlyList<Choice> choices)
    {
        var best = 0;
        for (var i = 1; i < choices.Count; i++)
        {
            if (priority[ChoiceIdentity.Of(choices[i])] > priority[ChoiceIdentity.Of(choices[best])])
            {
                best = i;
            }
        }
        return best;
    }
}
