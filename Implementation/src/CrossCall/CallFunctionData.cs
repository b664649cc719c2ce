using Conformance.Smp;

namespace Conformance.CrossCall;

/// <summary>
/// <c>struct call_function_data</c>, one per CPU (<c>cfd_data</c>): the <c>csd</c> queued on the global
/// call-function queue, the lock that guards <c>refs</c> and <c>cpumask</c>, how many targets have not
/// yet taken the call, and which.
/// </summary>
public sealed class CallFunctionData
{
    public CallFunctionData(Platform platform, string name)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Name = name;
        Csd = new CallSingleData(platform, name + ".csd", this);
        Lock = platform.NewSpinlock(name + ".lock");
        Refs = platform.NewWord(name + ".refs");
        Cpumask = platform.NewWord(name + ".cpumask");
    }

    public string Name { get; }

    /// <summary><c>-&gt;csd</c>.</summary>
    public CallSingleData Csd { get; }

    /// <summary><c>-&gt;lock</c>.</summary>
    public Spinlock Lock { get; }

    /// <summary><c>-&gt;refs</c>: targets that have not taken the call yet.</summary>
    public Word Refs { get; }

    /// <summary><c>-&gt;cpumask</c>: one bit per target that has not taken the call yet (<see cref="CpuMask.Bits"/>).</summary>
    public Word Cpumask { get; }

    public override string ToString() => Name;
}
