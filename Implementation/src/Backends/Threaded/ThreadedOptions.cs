namespace Conformance.Backends.Threaded;

/// <summary>How a <see cref="ThreadedPlatform"/> runs: its time bound and optional chaos.</summary>
public sealed record ThreadedOptions
{
    /// <summary>Ten seconds, no chaos.</summary>
    public static ThreadedOptions Default { get; } = new();

    /// <summary>The wall time one <see cref="ThreadedPlatform.Run"/> may take before it throws <see cref="TimeoutException"/>.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Random delays at scheduling points; null for none (the fast path).</summary>
    public ChaosOptions? Chaos { get; init; }

    /// <summary>
    /// How long a failed or timed-out run waits for its threads to unwind before it interrupts the
    /// ones blocked outside the platform.
    /// </summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(2);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TimeLimit, TimeSpan.Zero, nameof(TimeLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(StopGrace, TimeSpan.Zero, nameof(StopGrace));
        Chaos?.Validate();
    }
}
