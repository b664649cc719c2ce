using Conformance.Smp;

namespace Conformance.Stress.Specifications;

/// <summary>
/// One request's state in the cross-call specification: sent or not, its targets, the targets that have
/// not entered its function yet, and those whose function has not returned yet.
/// </summary>
public readonly record struct CallRequestState(bool Sent, ulong Targets, ulong Remaining, ulong Unfinished)
{
    public override string ToString() =>
        Sent ? $"sent to {new CpuMask(Targets)}, not yet run on {new CpuMask(Remaining)}, not yet finished on {new CpuMask(Unfinished)}" : "not sent";
}
