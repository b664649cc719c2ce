namespace Conformance.Backends.Threaded;

/// <summary>One context's delay generator: the choices depend only on the seed, the context and how many points it passed.</summary>
internal sealed class ChaosDelay
{
    private readonly Random random;
    private readonly double probability;
    private readonly int maxSpin;

    public ChaosDelay(ChaosOptions options, int context)
    {
        random = new Random(Mix(options.Seed, context));
        probability = options.Probability;
        maxSpin = options.MaxSpin;
    }

    /// <summary>The next choice: 0 for no delay, otherwise how many spin iterations.</summary>
    public int Next() => random.NextDouble() < probability ? random.Next(1, maxSpin + 1) : 0;

    public void Delay()
    {
        var spins = Next();
        if (spins == 0)
        {
            return;
        }
        // One delay in eight gives up the core: with more contexts than cores, that is what lets
        // another thread run in the middle of this one's operation.
        if ((spins & 7) == 0)
        {
            Thread.Yield();
        }
        else
        {
            Thread.SpinWait(spins);
        }
    }

    // A fixed mix (not HashCode, which is salted per process) so a seed means the same in every run.
    internal static int Mix(int seed, int context)
    {
        var x = ((ulong)(uint)seed << 32) | (uint)context;
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (int)x;
    }
}
