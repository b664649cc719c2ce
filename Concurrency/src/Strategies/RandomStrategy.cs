using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Strategies;

/// <summary>Uniformly random: every enabled choice equally likely at every point.</summary>
public sealed class RandomStrategy : ISchedulingStrategy
{
    private Prng prng;

    public string Name => "random";

    public bool BeginIteration(long iteration, ulong seed)
    {
        prng = new Prng(seed);
        return true;
    }

    public string Describe() => Name;

    public int Next(IReadOnlyList<Choice> choices, int running, PointKind kind) => prng.Next(choices.Count);
}
