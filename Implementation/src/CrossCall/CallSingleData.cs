using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.CrossCall;

/// <summary>
/// <c>struct call_single_data</c>: the list links, <c>func</c>, <c>info</c> and <c>flags</c> of one
/// queued call, every field a shared location. Embedded in <see cref="CallFunctionData"/> for the
/// call-function queue (then <see cref="Cfd"/> is its container).
/// </summary>
public sealed class CallSingleData
{
    /// <summary><c>CSD_FLAG_WAIT</c>: the sender waits until the call has run (csd_wait / csd_complete).</summary>
    public const long CsdFlagWait = 0x01;

    /// <summary><c>CSD_FLAG_LOCK</c>: the entry is in use and may not be re-filled (csd_lock / csd_unlock).</summary>
    public const long CsdFlagLock = 0x02;

    public CallSingleData(Platform platform, string name, CallFunctionData? cfd = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Name = name;
        Cfd = cfd;
        List = new ListHead<CallSingleData>(platform, name + ".list", this);
        Func = platform.NewCell<SmpCallFunc>(name + ".func");
        Info = platform.NewCell<object>(name + ".info");
        Flags = platform.NewWord(name + ".flags");
        LockWaiting = new CsdWaiting(this, "csd_lock", CsdFlagLock);
        WaitWaiting = new CsdWaiting(this, "csd_wait", CsdFlagWait);
    }

    public string Name { get; }

    /// <summary>The <c>call_function_data</c> this entry is the <c>csd</c> of (<c>container_of</c>), or null.</summary>
    public CallFunctionData? Cfd { get; }

    /// <summary><c>-&gt;list</c>.</summary>
    public ListHead<CallSingleData> List { get; }

    /// <summary><c>-&gt;func</c>.</summary>
    public Cell<SmpCallFunc> Func { get; }

    /// <summary><c>-&gt;info</c>.</summary>
    public Cell<object> Info { get; }

    /// <summary><c>-&gt;flags</c>: <see cref="CsdFlagWait"/> | <see cref="CsdFlagLock"/>.</summary>
    public Word Flags { get; }

    /// <summary>What a CPU spinning in csd_lock on this entry waits for, in reports.</summary>
    public object LockWaiting { get; }

    /// <summary>What a CPU spinning in csd_wait on this entry waits for, in reports.</summary>
    public object WaitWaiting { get; }

    public override string ToString() => Name;

    private sealed class CsdWaiting(CallSingleData csd, string what, long flag)
    {
        public override string ToString() =>
            $"{what}({csd.Name}): flags {csd.Flags.Describe()}, waiting for {(flag == CsdFlagLock ? "CSD_FLAG_LOCK" : "CSD_FLAG_WAIT")} to clear";
    }
}
