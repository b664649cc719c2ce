namespace Conformance.Concurrency.Strategies;

/// <summary>
/// SplitMix64: a tiny, fast generator whose sequence depends only on its seed, on every platform and
/// runtime version, so a printed seed replays the same decisions forever.
/// </summary>
public struct Prng(ulong seed)
{
    private ulong state = seed;

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>).</summary>
    public int Next(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        return (int)(NextUInt64() % (ulong)bound);
    }

    /// <summary>True with probability 1/2.</summary>
    public bool NextBool() => (NextUInt64() & 1) != 0;

    /// <summary>The seed of iteration <paramref name="iteration"/> of a run seeded <paramref name="runSeed"/>.</summary>
    public static ulong Derive(ulong runSeed, long iteration) =>
        new Prng(runSeed ^ (0xD1B54A32D192ED03UL * (ulong)(iteration + 1))).NextUInt64();
}
