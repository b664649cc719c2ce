using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// One cross-call the harness made: its number, the caller, the CPUs it must run on, and whether the
/// caller waits. The request object itself is the <c>info</c> payload, unique per request, and
/// <see cref="Func"/> its own function, so a target that runs a stale or re-used entry, or the func of
/// one request with the info of another, shows up as running the wrong request.
/// </summary>
public sealed record CallRequest(int Id, int Caller, CpuMask Targets, bool Wait, string Call)
{
    /// <summary>The func to pass with this request as info: it reports its start and finish to the ledger.</summary>
    public SmpCallFunc Func { get; init; } = _ => throw new InvalidOperationException("a request made outside a ledger has no func");

    /// <summary>A call_single (to <see cref="Targets"/>' one CPU, which may be the caller's own).</summary>
    public bool Single { get; init; }

    /// <summary>A call the harness made at the end to see that nothing was left locked.</summary>
    public bool Probe { get; init; }

    /// <summary>
    /// The info's liveness, a platform word: 1 until the waiting caller is back, 0 after. The func reads
    /// it on entry and on exit, which are also where a scheduler can switch inside func.
    /// </summary>
    internal Word? Alive { get; init; }

    /// <summary>The request in full, for messages.</summary>
    public string Description => $"R{Id} ({Call} from CPU{Caller} to {Targets}{(Wait ? ", wait" : "")}{(Probe ? ", probe" : "")})";

    /// <summary>R3: how an <c>info</c> value shows in an interleaving.</summary>
    public override string ToString() => $"R{Id}";
}
