namespace Conformance.Backends.Sequential;

/// <summary>An operation started on a CPU of the sequential backend: finished, or blocked in a wait.</summary>
public sealed class OperationHandle
{
    private readonly SequentialPlatform platform;

    internal OperationHandle(SequentialPlatform platform, int cpu)
    {
        this.platform = platform;
        Cpu = cpu;
    }

    public int Cpu { get; }

    /// <summary>The operation returned (or threw).</summary>
    public bool IsCompleted { get; internal set; }

    /// <summary>What the operation threw, once completed.</summary>
    public Exception? Exception { get; internal set; }

    /// <summary>What the blocked operation waits for (a lock, a csd flag), or null.</summary>
    public string? WaitingFor => IsCompleted ? null : platform.WaitingFor(Cpu);

    public override string ToString() =>
        IsCompleted ? $"CPU{Cpu}: completed" : $"CPU{Cpu}: blocked, waits for {WaitingFor ?? "nothing (runnable)"}";
}
