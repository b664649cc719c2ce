using Conformance.Smp;

namespace Conformance.Clauses;

/// <summary>
/// The cross-call clauses as pure predicates over what a check observed, each written once: the
/// exploration ledger, the stress harness and its specification, and the property harness all judge
/// them, through a <see cref="RuleBook"/>, so a clause means the same in every check.
/// </summary>
/// <remarks>
/// A mask argument is a set of CPUs: <c>guaranteed</c> those a call must reach (online and in the mask
/// for the whole call, 723aae25d5cd), <c>finished</c> those whose func returned, <c>started</c> those
/// whose func was entered.
/// </remarks>
public static class CrossCallPredicates
{
    /// <summary><c>-ENXIO</c> as call_single returns it.</summary>
    public const int Enxio = -6;

    /// <summary><c>lost-call</c>: the guaranteed targets that have not run the call (empty when it holds).</summary>
    public static CpuMask Missing(CpuMask guaranteed, CpuMask ran) => new(guaranteed.Bits & ~ran.Bits);

    /// <summary><c>ran-twice</c>: <paramref name="cpu"/> had not entered the call's func before.</summary>
    public static bool RunsOnce(CpuMask startedBefore, int cpu) => !startedBefore.Contains(cpu);

    /// <summary>
    /// <c>foreign-payload</c>: the func of a call that was sent (<paramref name="sent"/>), run with that
    /// call's own info (<paramref name="ownInfo"/>: not another's, so never a torn func/info pair), on one
    /// of its targets.
    /// </summary>
    public static bool PayloadIsOwn(bool sent, bool ownInfo, CpuMask targets, int cpu) => sent && ownInfo && targets.Contains(cpu);

    /// <summary><c>early-return</c>, the kernel's reading, when a waiting call returns: every guaranteed target's func returned.</summary>
    public static bool WaitHoldsForKernel(CpuMask guaranteed, CpuMask finished) => Missing(guaranteed, finished).IsEmpty;

    /// <summary>
    /// <c>early-return</c>, the seed's reading: a waiting call to several targets is owed one target's
    /// finished func (the last taker completes it after its own; an earlier taker may enter its copy
    /// later), unless no target is guaranteed any more; a call to one target, that target's.
    /// </summary>
    public static bool WaitHoldsForSeed(CpuMask targets, CpuMask guaranteed, CpuMask finished) =>
        targets.Count > 1
            ? guaranteed.IsEmpty || !targets.And(finished).IsEmpty
            : WaitHoldsForKernel(guaranteed, finished);

    /// <summary>
    /// <c>early-return</c> for a func that touches its info after the waiting caller returned: never
    /// under the kernel's reading; under the seed's, only for a call to several targets (a target that
    /// took it before the last one may run its copy after the caller is back).
    /// </summary>
    public static bool TouchAfterReturnHoldsForSeed(CpuMask targets) => targets.Count > 1;

    /// <summary><c>func-context</c>: interrupts disabled, and a remote func in interrupt context (a local one runs in the caller's).</summary>
    public static bool ContextHolds(bool local, bool inInterrupt, bool irqsDisabled) => irqsDisabled && (local || inInterrupt);

    /// <summary>
    /// <c>enxio</c>: call_single returns 0 for a target online for the whole call, -ENXIO for one
    /// offline for the whole call, either while it changes; call and call_many return 0.
    /// </summary>
    public static bool ResultHolds(bool single, bool onlineThroughout, bool offlineThroughout, int result) =>
        !single || onlineThroughout ? result == 0
        : offlineThroughout ? result == Enxio
        : result is 0 or Enxio;

    /// <summary><c>quiescent-clean</c>: at quiescence no CPU has an IPI pending and every probe call returned.</summary>
    public static bool QuiescentHolds(bool anyIpiPending, bool probesReturned) => !anyIpiPending && probesReturned;
}
