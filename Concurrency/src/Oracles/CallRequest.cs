using Conformance.Smp;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// One cross-call the harness made: its number, the caller, the CPUs it must run on, and whether the
/// caller waits. The request object itself is the <c>info</c> payload, unique per request, so a target
/// that runs a stale or re-used entry shows up as running the wrong request.
/// </summary>
public sealed record CallRequest(int Id, int Caller, CpuMask Targets, bool Wait, string Call)
{
    /// <summary>The request in full, for messages.</summary>
    public string Description => $"R{Id} ({Call} from CPU{Caller} to {Targets}{(Wait ? ", wait" : "")})";

    /// <summary>R3: how an <c>info</c> value shows in an interleaving.</summary>
    public override string ToString() => $"R{Id}";
}
