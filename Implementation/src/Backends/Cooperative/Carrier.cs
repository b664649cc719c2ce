using System.Collections.Concurrent;

namespace Conformance.Backends.Cooperative;

/// <summary>
/// A parked OS thread that runs one context's body at a time. Starting a thread costs tens of
/// microseconds, more than a whole small schedule, so finished carriers wait here for the next run.
/// A carrier between runs holds no state of any run.
/// </summary>
internal sealed class Carrier
{
    private const int MaxIdle = 64;
    private static readonly ConcurrentBag<Carrier> IdleCarriers = [];

    private readonly SemaphoreSlim start = new(0);
    private Action? body;

    private Carrier()
    {
        new Thread(Loop) { IsBackground = true, Name = "conformance context" }.Start();
    }

    /// <summary>Runs <paramref name="body"/> on a carrier thread. The body must not throw.</summary>
    public static void Run(Action body)
    {
        if (!IdleCarriers.TryTake(out var carrier))
        {
            carrier = new Carrier();
        }
        carrier.body = body;
        carrier.start.Release();
    }

    private void Loop()
    {
        while (true)
        {
            start.Wait();
            var run = body!;
            body = null;
            run();
            if (IdleCarriers.Count >= MaxIdle)
            {
                return;
            }
            IdleCarriers.Add(this);
        }
    }
}
