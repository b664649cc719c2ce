using Conformance.Concurrency.Strategies;

namespace Conformance.Stress.Harness;

/// <summary>Everything random in a stress run comes from its one seed: a sub-seed per CPU stream and one for the chaos delays.</summary>
internal static class StressSeeds
{
    public static Prng Stream(ulong seed, int cpu) => new(Prng.Derive(seed, cpu + 1));

    public static int Chaos(ulong seed) => (int)Prng.Derive(seed, 0);
}
