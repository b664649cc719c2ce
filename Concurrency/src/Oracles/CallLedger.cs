using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// The black-box oracle for cross-calls. Every request has its own payload and its own func, which
/// reports to the ledger when it starts and when it finishes, so a violation stops the run where it
/// happens. Each clause is judged through the run's <see cref="RuleBook"/> with the predicates of
/// <see cref="CrossCallPredicates"/>: at a func's start, <c>foreign-payload</c>, <c>ran-twice</c> and
/// <c>func-context</c>; when a func touches the info of a waiting call that has returned, and when the
/// call returns, <c>early-return</c> and <c>enxio</c>; at quiescence, <c>lost-call</c> and
/// <c>quiescent-clean</c>; for a run that cannot finish, <c>lost-call</c>, <c>quiescent-clean</c> or
/// <c>caller-stuck</c>.
/// </summary>
/// <remarks>
/// A request is guaranteed to run on the targets that were online and in its mask during the whole
/// call (723aae25d5cd: "only cpus that were online and had their mask bit set during the whole call
/// are guaranteed to be called"): those online when it is issued, less any taken down before the call
/// returns. Scenarios that take CPUs down do it through <see cref="CpuDown"/>, so the ledger knows.
/// Without hotplug every target is guaranteed. The func reads its request's liveness word on entry and
/// on exit: those reads are scheduling points, so a scheduler can stop a target between the handler's
/// copy of func and the func itself, and inside func, where a completion that comes too early shows.
/// </remarks>
public sealed class CallLedger(Platform platform, RuleBook rules)
{
    private readonly object gate = new();
    private readonly List<CallRequest> requests = [];
    private readonly Dictionary<int, Progress> progress = [];

    /// <summary>
    /// A func shared by requests that pass their request as info: it runs what the request's own
    /// <see cref="CallRequest.Func"/> would, less the check that func and info belong together.
    /// </summary>
    public SmpCallFunc Func => Shared;

    /// <summary>The rule book the ledger judges in.</summary>
    public RuleBook Rules => rules;

    public IReadOnlyList<CallRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToArray();
            }
        }
    }

    /// <summary>Registers a request before it is issued; its object is the call's <c>info</c>. A call to the caller alone is taken for a local call_single.</summary>
    public CallRequest Issue(int caller, CpuMask targets, bool wait, string call) =>
        Issue(caller, targets, wait, call, single: targets == CpuMask.Of(caller));

    /// <summary>
    /// Registers a request: a call_single (<paramref name="single"/>: its one target, which may be the
    /// caller) or a many-call (the caller is never its target).
    /// </summary>
    public CallRequest Issue(int caller, CpuMask targets, bool wait, string call, bool single, bool probe = false)
    {
        lock (gate)
        {
            var id = requests.Count + 1;
            var own = single ? targets : targets.Without(caller);
            CallRequest? request = null;
            request = new CallRequest(id, caller, own, wait, call)
            {
                Single = single,
                Probe = probe,
                Func = info => Run(request!, info, torn: !ReferenceEquals(info, request)),
                Alive = platform.NewWord($"R{id}.info", 1),
            };
            requests.Add(request);
            var online = platform.OnlineMask;
            progress[id] = new Progress(own.And(online), !own.And(online).IsEmpty, own.And(online).IsEmpty);
            return request;
        }
    }

    /// <summary>
    /// <c>cpu_down(cpu)</c> on the platform, then: no call in flight (issued, not returned) is guaranteed
    /// to run on that CPU any more. Nothing runs between the two, so the ledger sees the platform's order.
    /// </summary>
    public void CpuDown(int cpu)
    {
        platform.CpuDown(cpu);
        lock (gate)
        {
            foreach (var (request, state) in InFlight(cpu))
            {
                state.Guaranteed = state.Guaranteed.Without(cpu);
                state.TargetStable = false;
            }
        }
    }

    /// <summary><c>cpu_up(cpu)</c>: only calls issued from now on count on it; calls in flight to it may return either result.</summary>
    public void CpuUp(int cpu)
    {
        platform.CpuUp(cpu);
        lock (gate)
        {
            foreach (var (_, state) in InFlight(cpu))
            {
                state.TargetStable = false;
            }
        }
    }

    /// <summary>Called by the caller after the call returned, when its result is not judged.</summary>
    public void Returned(CallRequest request) => Returned(request, null);

    /// <summary>
    /// Called by the caller after the call returned with <paramref name="result"/>: a waiting call must
    /// have finished on its targets (<c>early-return</c>), the result must be the documented one
    /// (<c>enxio</c>). Then the info is retired: a func that touches it later broke the wait.
    /// </summary>
    public void Returned(CallRequest request, int? result)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (gate)
        {
            var state = progress[request.Id];
            state.Returned = true;
            if (result is { } r)
            {
                // A call to the caller's own CPU runs there, whatever the online mask says of it.
                var local = request.Single && request.Targets == CpuMask.Of(request.Caller);
                var online = local || (state.TargetStable && state.OnlineAtIssue);
                var offline = !local && state.TargetStable && state.OfflineAtIssue;
                if (!CrossCallPredicates.ResultHolds(request.Single, online, offline, r))
                {
                    var expected = !request.Single || online ? "0" : offline ? $"{CrossCallPredicates.Enxio} (-ENXIO)" : "0 or -ENXIO";
                    Fail(ContractClauses.Enxio, $"{request.Description} returned {r}; the contract wants {expected}");
                }
            }
            if (request.Wait)
            {
                var missing = CrossCallPredicates.Missing(state.Guaranteed, state.Finished);
                Judge(ContractClauses.EarlyReturn,
                    CrossCallPredicates.WaitHoldsForKernel(state.Guaranteed, state.Finished),
                    CrossCallPredicates.WaitHoldsForSeed(request.Targets, state.Guaranteed, state.Finished),
                    $"{request.Description} returned before the func returned on {missing}");
            }
        }
        if (request.Wait)
        {
            request.Alive?.Write(0);
        }
    }

    /// <summary>At a quiescent point: every request ran on every guaranteed target (<c>lost-call</c>).</summary>
    public void CheckAllRan()
    {
        lock (gate)
        {
            foreach (var request in requests)
            {
                var missing = CrossCallPredicates.Missing(progress[request.Id].Guaranteed, progress[request.Id].Started);
                if (!missing.IsEmpty)
                {
                    Fail(ContractClauses.LostCall, $"lost call: request {request.Description} never ran on CPU{missing.First}");
                }
            }
        }
    }

    /// <summary>
    /// At quiescence (no platform operation runs): <see cref="CheckAllRan"/>, then <c>quiescent-clean</c>:
    /// no CPU has an IPI pending and every probe call returned.
    /// </summary>
    public void CheckQuiescent()
    {
        CheckAllRan();
        lock (gate)
        {
            var pending = Enumerable.Range(0, platform.CpuCount).Where(platform.HasPendingIpi).ToList();
            var stuck = requests.FirstOrDefault(r => r.Probe && !progress[r.Id].Returned);
            if (!CrossCallPredicates.QuiescentHolds(pending.Count > 0, stuck is null))
            {
                Fail(ContractClauses.QuiescentClean, pending.Count > 0
                    ? $"at quiescence CPU{pending[0]} still has an IPI pending"
                    : $"the probe {stuck!.Description} never returned");
            }
        }
    }

    /// <summary>
    /// Explains a run that could not finish: a returned or waiting request some guaranteed target never
    /// ran is a lost call (its sender, if it waits, waits forever); a probe that never returned, or an
    /// IPI left pending once every call returned, breaks quiescent-clean (a csd left locked, an interrupt
    /// nobody takes); otherwise a call that never returned is a stuck caller (such as one spinning on a
    /// csd_lock nobody releases, 723aae25d5cd); reported with who waits for what.
    /// </summary>
    public Exception Explain(Exception error)
    {
        if (error is not DeadlockException deadlock)
        {
            return error;
        }
        lock (gate)
        {
            // A caller still inside a call it does not wait for is stuck before its targets matter.
            foreach (var request in requests.Where(r => !r.Probe && (r.Wait || progress[r.Id].Returned)))
            {
                var missing = CrossCallPredicates.Missing(progress[request.Id].Guaranteed, progress[request.Id].Started);
                if (!missing.IsEmpty)
                {
                    var sender = request.Wait ? "; its sender waits forever" : "";
                    return Violation(ContractClauses.LostCall.Id, $"lost call: request {request.Description} never ran on CPU{missing.First}{sender}", deadlock.Waits);
                }
            }
            var stuck = requests.FirstOrDefault(r => !progress[r.Id].Returned);
            if (stuck is { Probe: true })
            {
                return Violation(ContractClauses.QuiescentClean.Id,
                    $"the probe {stuck.Description}, made once every other call had returned, never returned: CPU{stuck.Caller} spins forever", deadlock.Waits);
            }
            if (stuck is not null)
            {
                return Violation(ContractClauses.CallerStuck.Id, $"request {stuck.Description} never returned: CPU{stuck.Caller} spins forever", deadlock.Waits);
            }
            if (Enumerable.Range(0, platform.CpuCount).FirstOrDefault(platform.HasPendingIpi, -1) is var cpu and >= 0)
            {
                return Violation(ContractClauses.QuiescentClean.Id, $"every call returned, but CPU{cpu} has an IPI pending it never takes", deadlock.Waits);
            }
        }
        return error;
    }

    /// <summary>
    /// For a harness that timed out: a probe that never returned while every other call did (null
    /// otherwise: a caller stuck in an ordinary call explains a stuck probe too).
    /// </summary>
    public OracleViolationException? StuckProbe()
    {
        lock (gate)
        {
            var stuck = requests.FirstOrDefault(r => !progress[r.Id].Returned);
            return stuck is not { Probe: true }
                ? null
                : Violation(ContractClauses.QuiescentClean.Id, $"the probe {stuck.Description} never returned: something was left locked");
        }
    }

    private IEnumerable<(CallRequest Request, Progress State)> InFlight(int cpu) =>
        requests.Where(r => !progress[r.Id].Returned && r.Targets.Contains(cpu)).Select(r => (r, progress[r.Id]));

    private void Shared(object? info)
    {
        CallRequest? request;
        lock (gate)
        {
            request = info as CallRequest;
            if (request is null || !progress.ContainsKey(request.Id) || !ReferenceEquals(requests[request.Id - 1], request))
            {
                var cpu = platform.ThisCpu;
                Fail(ContractClauses.ForeignPayload, $"CPU{cpu} ran a call with info {info ?? "NULL"}, which no request sent");
            }
        }
        Run(request!, info, torn: false);
    }

    // The func of one request: entry (a read of the info), start, exit (a read), finish.
    private void Run(CallRequest request, object? info, bool torn)
    {
        var cpu = platform.ThisCpu;
        var inInterrupt = platform.InInterrupt;
        var irqsDisabled = platform.IrqsDisabled;
        Touch(request, cpu);
        lock (gate)
        {
            var state = progress[request.Id];
            var with = torn ? $" with the info {info ?? "NULL"}" : "";
            if (!CrossCallPredicates.PayloadIsOwn(sent: true, ownInfo: !torn, request.Targets, cpu))
            {
                Fail(ContractClauses.ForeignPayload, torn
                    ? $"CPU{cpu} ran the func of {request.Description}{with}: func and info of different calls"
                    : $"CPU{cpu} ran {request.Description}, which was not sent to it");
            }
            if (!CrossCallPredicates.RunsOnce(state.Started, cpu))
            {
                Fail(ContractClauses.RanTwice, $"CPU{cpu} ran {request.Description} a second time");
            }
            var local = request.Single && cpu == request.Caller;
            if (!CrossCallPredicates.ContextHolds(local, inInterrupt, irqsDisabled))
            {
                Fail(ContractClauses.FuncContext, local
                    ? $"CPU{cpu} ran its local {request.Description} with interrupts enabled"
                    : $"CPU{cpu} ran {request.Description} {(inInterrupt ? "" : "outside interrupt context ")}{(irqsDisabled ? "" : "with interrupts enabled")}".TrimEnd());
            }
            state.Started = state.Started.With(cpu);
        }
        Touch(request, cpu);
        lock (gate)
        {
            progress[request.Id].Finished = progress[request.Id].Finished.With(cpu);
        }
    }

    // A func's access to its info: after a waiting caller returned, the info is gone.
    private void Touch(CallRequest request, int cpu)
    {
        if (request.Alive is not { } alive || alive.Read() != 0)
        {
            return;
        }
        lock (gate)
        {
            Judge(ContractClauses.EarlyReturn, false, CrossCallPredicates.TouchAfterReturnHoldsForSeed(request.Targets),
                $"CPU{cpu}'s func of {request.Description} touched its info after the waiting caller returned");
        }
    }

    private void Judge(Clause clause, bool holdsForKernel, bool holdsForSeed, string message)
    {
        if (rules.Judge(clause, holdsForKernel, holdsForSeed, message) == ClauseVerdict.Broken)
        {
            throw Violation(clause.Id, message);
        }
    }

    private void Fail(Clause clause, string message) => Judge(clause, false, false, message);

    // Which targets lost their guarantee to hotplug, when some did.
    private string Excused(CallRequest request)
    {
        var excused = new CpuMask(request.Targets.Bits & ~progress[request.Id].Guaranteed.Bits);
        return excused.IsEmpty ? "" : $", not guaranteed on {excused} (offline during the call)";
    }

    private OracleViolationException Violation(string oracle, string message, IReadOnlyList<string>? extra = null)
    {
        var state = requests.Select(r => $"{r.Description}: ran on {progress[r.Id].Started}, finished on {progress[r.Id].Finished}{Excused(r)}").ToList();
        if (extra is not null)
        {
            state.AddRange(extra);
        }
        return new OracleViolationException(oracle, message, state);
    }

    // What the ledger knows of one request.
    private sealed class Progress(CpuMask guaranteed, bool onlineAtIssue, bool offlineAtIssue)
    {
        public CpuMask Guaranteed { get; set; } = guaranteed;

        public bool OnlineAtIssue { get; } = onlineAtIssue;

        public bool OfflineAtIssue { get; } = offlineAtIssue;

        /// <summary>No target went down or up while the call was in flight.</summary>
        public bool TargetStable { get; set; } = true;

        public CpuMask Started { get; set; }

        public CpuMask Finished { get; set; }

        public bool Returned { get; set; }
    }
}
