using Conformance.Smp;

namespace Conformance.Stress.Specifications;

/// <summary>One request's state in the cross-call specification: sent or not, its targets, and the targets that have not run it yet.</summary>
public readonly record struct CallRequestState(bool Sent, ulong Targets, ulong Remaining)
{
    public override string ToString() =>
        Sent ? $"sent to {new CpuMask(Targets)}, not yet run on {new CpuMask(Remaining)}" : "not sent";
}
