namespace Conformance.Backends.Threaded;

/// <summary>What a thread of a threaded machine is: which platform, which context, its chaos generator.</summary>
internal sealed class ContextBinding(ThreadedPlatform platform, int context, ChaosDelay? chaos)
{
    public ThreadedPlatform Platform { get; } = platform;

    public int Context { get; } = context;

    public ChaosDelay? Chaos { get; } = chaos;
}
