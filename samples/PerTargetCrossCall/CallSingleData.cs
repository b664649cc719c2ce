using Conformance.Contracts;
using Conformance.Smp;

namespace Samples.PerTargetCrossCall;

/// <summary>
/// <c>struct call_single_data</c> of 2014-2015: an <c>llist_node</c>, <c>func</c>, <c>info</c> and
/// <c>flags</c>, every field a shared location of the platform, and the csd_lock operations on it.
/// </summary>
public sealed class CallSingleData
{
    /// <summary><c>CSD_FLAG_LOCK</c>: the entry is queued or running and may not be re-filled.</summary>
    public const long FlagLock = 0x01;

    /// <summary><c>CSD_FLAG_SYNCHRONOUS</c>: the sender waits, so the target unlocks only after <c>func</c>.</summary>
    public const long FlagSynchronous = 0x02;

    private readonly Platform platform;
    private readonly LockWaiting waiting;

    public CallSingleData(Platform platform, string name, long flags = 0)
    {
        ArgumentNullException.ThrowIfNull(platform);
        this.platform = platform;
        Name = name;
        Next = platform.NewCell<CallSingleData>(name + ".llist.next");
        Func = platform.NewCell<SmpCallFunc>(name + ".func");
        Info = platform.NewCell<object>(name + ".info");
        Flags = platform.NewWord(name + ".flags", flags);
        waiting = new LockWaiting(this);
    }

    public string Name { get; }

    /// <summary><c>-&gt;llist.next</c>: the entry queued before this one on the same target.</summary>
    public Cell<CallSingleData> Next { get; }

    public Cell<SmpCallFunc> Func { get; }

    public Cell<object> Info { get; }

    public Word Flags { get; }

    /// <summary><c>csd_lock_wait</c>: spin until the target has unlocked the entry (8053871d0f7f: an acquire).</summary>
    public void LockWait() => platform.WaitUntil(() => (Flags.Read() & FlagLock) == 0, waiting);

    /// <summary><c>csd_lock</c>, and <c>flags |= CSD_FLAG_SYNCHRONOUS</c> when the sender will wait.</summary>
    public void Lock(bool synchronous)
    {
        LockWait();
        Flags.Write(FlagLock | (synchronous ? FlagSynchronous : 0));
    }

    /// <summary><c>csd_unlock</c>: the entry may be re-filled at once (8053871d0f7f: a release of flags = 0).</summary>
    public void Unlock()
    {
        if ((Flags.Read() & FlagLock) == 0)
        {
            throw new InvalidOperationException($"WARN_ON: csd_unlock({Name}) of an entry that is not locked");
        }
        Flags.Write(0);
    }

    public override string ToString() => Name;

    private sealed class LockWaiting(CallSingleData csd)
    {
        public override string ToString() => $"csd_lock_wait({csd.Name}): flags {csd.Flags.Describe()}";
    }
}
