using System.Globalization;
using Conformance.Clauses;
using Conformance.Contracts;
using Conformance.Models;
using Conformance.Smp;
using Conformance.Stress.Checking;

namespace Conformance.Stress.Specifications;

/// <summary>
/// The cross-call sequential specification at contract level (the remarks of <see cref="ICrossCall"/>),
/// per request, each clause judged with the predicate every other check uses (<see cref="CrossCallPredicates"/>):
/// <list type="bullet">
/// <item>the send returns what <c>enxio</c> wants (0: every target is online in stress) and makes the
///   request owed by each of its targets;</item>
/// <item>a run (the function entered on a CPU) is allowed once per target, only after the send took
///   effect: a second run (<c>ran-twice</c>), a run on a CPU that is not a target or a payload no request
///   sent (<c>foreign-payload</c>) is refused; a finish (the function's last action) follows its run;</item>
/// <item>a waiting caller's completion (recorded as it gets control back) is judged by <c>early-return</c>
///   under the run's rules: under the kernel's, every target's function has returned; under the seed's,
///   one target's for a call to several (the last taker completes it after its own function, while one
///   that took it earlier may enter its copy later, as stress showed on the reference:
///   stress:crosscall:reference:694183512642609129:4:1000:1 once had R353's waiting caller back at clock
///   2164 and CPU1's function of R353 start at 2178), its target's for a single call.</item>
/// </list>
/// The harness's ledger judges the same predicates as the calls return and records the seed's
/// deviations; this specification only refuses what the run's rules break. The contract promises
/// nothing about the order of different requests, so each request is an independent sub-history
/// (Porcupine's partitioning by key, the key being the request's unique payload). Nothing here decides
/// that every call eventually runs: that is the harness's check once every IPI is delivered.
/// </summary>
public sealed class CrossCallSpecification(RuleSet rules = RuleSet.Kernel) : ISequentialSpecification<CrossCallEvent, CallRequestState>
{
    /// <summary>The rule set completions are judged by.</summary>
    public RuleSet Rules => rules;

    public CallRequestState Initial => default;

    public bool OrderIndependent => true;

    public IEnumerable<IReadOnlyList<HistoryEntry<CrossCallEvent>>> Partition(IReadOnlyList<HistoryEntry<CrossCallEvent>> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.GroupBy(e => e.Operation.Request).OrderBy(g => g.Key).Select(g => (IReadOnlyList<HistoryEntry<CrossCallEvent>>)g.ToList());
    }

    public IReadOnlyList<CallRequestState> Step(CallRequestState state, CrossCallEvent operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Judge(state, operation, explain: false, out var next) is null ? [next] : [];
    }

    public string? Refusal(CallRequestState state, CrossCallEvent operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Judge(state, operation, explain: true, out _);
    }

    public string Describe(CallRequestState state) => state.ToString();

    private string? Judge(CallRequestState state, CrossCallEvent op, bool explain, out CallRequestState next)
    {
        next = state;
        switch (op.Kind)
        {
            case CrossCallEventKind.Send:
                if (state.Sent)
                {
                    return explain ? $"R{op.Request} was already sent" : "";
                }
                if (!CrossCallPredicates.ResultHolds(op.Call == CallKind.Single, onlineThroughout: true, offlineThroughout: false, op.Result))
                {
                    return explain ? string.Create(CultureInfo.InvariantCulture, $"returned {op.Result}, but every target is online: the contract wants 0") : "";
                }
                next = new CallRequestState(true, op.Targets, op.Targets, op.Targets);
                return null;

            case CrossCallEventKind.Run:
                if (op.Request == 0)
                {
                    return explain ? $"CPU{op.Cpu} ran a payload that no request sent" : "";
                }
                if (!state.Sent)
                {
                    return explain ? $"R{op.Request} ran on CPU{op.Cpu} before it was sent" : "";
                }
                var started = new CpuMask(state.Targets & ~state.Remaining);
                if (!CrossCallPredicates.RunsOnce(started, op.Cpu))
                {
                    return explain ? $"R{op.Request} ran on CPU{op.Cpu} a second time" : "";
                }
                if (!CrossCallPredicates.PayloadIsOwn(sent: true, ownInfo: true, new CpuMask(state.Targets), op.Cpu))
                {
                    return explain ? $"CPU{op.Cpu} is not a target of R{op.Request} (targets {new CpuMask(state.Targets)})" : "";
                }
                next = state with { Remaining = state.Remaining & ~(1UL << op.Cpu) };
                return null;

            case CrossCallEventKind.Finish:
                var bit = 1UL << op.Cpu;
                if (!state.Sent || (state.Remaining & bit) != 0 || (state.Unfinished & bit) == 0)
                {
                    return explain ? $"R{op.Request}'s function returned on CPU{op.Cpu}, which had not entered it" : "";
                }
                next = state with { Unfinished = state.Unfinished & ~bit };
                return null;

            default:
                if (!state.Sent)
                {
                    return explain ? $"R{op.Request}'s caller is back before the request was sent" : "";
                }
                var targets = new CpuMask(state.Targets);
                var finished = new CpuMask(state.Targets & ~state.Unfinished);
                var verdict = new RuleBook(rules).Judge(ContractClauses.EarlyReturn,
                    CrossCallPredicates.WaitHoldsForKernel(targets, finished),
                    CrossCallPredicates.WaitHoldsForSeed(targets, targets, finished), "");
                if (verdict != ClauseVerdict.Broken)
                {
                    return null;
                }
                return explain
                    ? $"R{op.Request}'s waiting caller is back while the function has not returned on {CrossCallPredicates.Missing(targets, finished)} (early-return, {RuleSetNames.Name(rules)} rules)"
                    : "";
        }
    }
}
