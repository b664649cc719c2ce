using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Strategies;

/// <summary>
/// Stays with the running context unless <see cref="CoinFlips"/> coin flips all say switch (Coyote's
/// probabilistic strategy): long uninterrupted runs with rare, random preemptions.
/// </summary>
public sealed class ProbabilisticStrategy(int coinFlips = 3) : ISchedulingStrategy
{
    private Prng prng;

    public int CoinFlips { get; } = coinFlips >= 1 ? coinFlips : throw new ArgumentOutOfRangeException(nameof(coinFlips));

    public string Name => "probabilistic";

    public bool BeginIteration(long iteration, ulong seed)
    {
        prng = new Prng(seed);
        return true;
    }

    public string Describe() => $"{Name}-n{CoinFlips}";

    public int Next(IReadOnlyList<Choice> choices, int running, PointKind kind)
    {
        var keep = ChoiceIdentity.KeepRunning(choices, running);
        if (keep >= 0 && !Switch())
        {
            return keep;
        }
        return prng.Next(choices.Count);
    }

    private bool Switch()
    {
        for (var i = 0; i < CoinFlips; i++)
        {
            if (!prng.NextBool())
            {
                return false;
            }
        }
        return true;
    }
}
