namespace Conformance.Smp;

/// <summary>
/// No context of the machine can make progress, yet some have not finished: each waits for something
/// only another waiting context could do. <see cref="Waits"/> says who waits for what.
/// </summary>
public sealed class DeadlockException(IReadOnlyList<string> waits)
    : Exception("deadlock: no CPU can run; " + string.Join("; ", waits))
{
    /// <summary>One line per waiting context, such as "CPU0 waits for spinlock B held by CPU1".</summary>
    public IReadOnlyList<string> Waits { get; } = waits;
}
