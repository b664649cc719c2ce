namespace Conformance.Stress.Checking;

/// <summary>
/// How much work one linearizability check may do before it answers <see cref="CheckVerdict.Unknown"/>:
/// search steps, wall time, and how many distinct states one segment may end in.
/// </summary>
public sealed record CheckLimits
{
    /// <summary>Five million steps, fifteen seconds, 64 end states.</summary>
    public static CheckLimits Default { get; } = new();

    /// <summary>Search steps (one candidate tried or one backtrack) over the whole check.</summary>
    public long MaxSteps { get; init; } = 5_000_000;

    /// <summary>Wall time of the whole check, minimising a failing window not included.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>For an order-dependent specification: how many states one segment may leave.</summary>
    public int MaxEndStates { get; init; } = 64;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSteps, 1, nameof(MaxSteps));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TimeLimit, TimeSpan.Zero, nameof(TimeLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEndStates, 1, nameof(MaxEndStates));
    }
}
