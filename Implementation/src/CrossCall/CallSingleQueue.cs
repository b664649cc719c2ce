using Conformance.Smp;

namespace Conformance.CrossCall;

/// <summary><c>struct call_single_queue</c>, one per CPU: the calls queued for it and the lock over them.</summary>
public sealed class CallSingleQueue
{
    public CallSingleQueue(Platform platform, string name)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Name = name;
        List = new ListHead<CallSingleData>(platform, name + ".list");
        Lock = platform.NewSpinlock(name + ".lock");
    }

    public string Name { get; }

    /// <summary><c>-&gt;list</c>.</summary>
    public ListHead<CallSingleData> List { get; }

    /// <summary><c>-&gt;lock</c>.</summary>
    public Spinlock Lock { get; }

    public override string ToString() => Name;
}
