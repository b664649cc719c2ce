using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// The black-box oracle for cross-calls: every request carries a unique payload; each target may run
/// it at most once, with that payload; no CPU may run a payload that was not sent to it; a waiting call
/// returns only after a target ran it (its target, for a single one); at quiescence nothing guaranteed
/// is missing. The harness's function reports to the ledger as it runs, so a violation stops the run
/// where it happens.
/// </summary>
/// <remarks>
/// A request is guaranteed to run on the targets that were online and in its mask during the whole
/// call (723aae25d5cd: "only cpus that were online and had their mask bit set during the whole call
/// are guaranteed to be called"): those online when it is issued, less any taken down before the call
/// returns. Scenarios that take CPUs down do it through <see cref="CpuDown"/>, so the ledger knows.
/// Without hotplug every target is guaranteed.
/// </remarks>
public sealed class CallLedger(Platform platform, RuleBook rules)
{
    private readonly object gate = new();
    private readonly List<CallRequest> requests = [];
    private readonly Dictionary<int, CpuMask> ranOn = [];
    private readonly Dictionary<int, CpuMask> guaranteed = [];
    private readonly HashSet<int> returned = [];

    /// <summary>The function every request runs: it records (this CPU, the payload) and checks them.</summary>
    public SmpCallFunc Func => Ran;

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

    /// <summary>Registers a request before it is issued; its object is the call's <c>info</c>.</summary>
    public CallRequest Issue(int caller, CpuMask targets, bool wait, string call)
    {
        lock (gate)
        {
            var request = new CallRequest(requests.Count + 1, caller, targets, wait, call);
            requests.Add(request);
            ranOn[request.Id] = CpuMask.Empty;
            guaranteed[request.Id] = targets.And(platform.OnlineMask);
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
            foreach (var request in requests.Where(r => !returned.Contains(r.Id)))
            {
                guaranteed[request.Id] = guaranteed[request.Id].Without(cpu);
            }
        }
    }

    /// <summary><c>cpu_up(cpu)</c>: only calls issued from now on count on it.</summary>
    public void CpuUp(int cpu) => platform.CpuUp(cpu);

    /// <summary>Called by the caller after the call returned: a waiting call must have run on a target (on its target, for one).</summary>
    public void Returned(CallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (gate)
        {
            returned.Add(request.Id);
            if (!request.Wait)
            {
                return;
            }
            var missing = Missing(request);
            // The kernel's wait covers every guaranteed target. The seed's: the last target to take a
            // many-call completes it after its own func, while one that took it earlier may not have
            // entered its copy yet, so a waiting caller is owed one run (its only target's, for one
            // target) and the others by quiescence (CheckAllRan).
            var owedBySeed = request.Targets.Count == 1 || ranOn[request.Id].IsEmpty;
            var message = $"{request.Description} returned before {missing} ran it";
            if (rules.Judge(ContractClauses.EarlyReturn, missing.IsEmpty, missing.IsEmpty || !owedBySeed, message) == ClauseVerdict.Broken)
            {
                throw Violation(ContractClauses.EarlyReturn.Id, message);
            }
        }
    }

    /// <summary>At quiescence: every request ran on every guaranteed target.</summary>
    public void CheckAllRan()
    {
        lock (gate)
        {
            foreach (var request in requests)
            {
                var missing = Missing(request);
                if (!missing.IsEmpty)
                {
                    throw Violation("lost-call", $"lost call: request {request.Description} never ran on CPU{missing.First}");
                }
            }
        }
    }

    /// <summary>
    /// Explains a run that could not finish: a returned or waiting request some guaranteed target never
    /// ran is a lost call (its sender, if it waits, waits forever); otherwise a call that never returned
    /// is a stuck caller (such as one spinning on a csd_lock nobody releases, 723aae25d5cd); reported
    /// with who waits for what.
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
            foreach (var request in requests.Where(r => r.Wait || returned.Contains(r.Id)))
            {
                var missing = Missing(request);
                if (!missing.IsEmpty)
                {
                    var sender = request.Wait ? "; its sender waits forever" : "";
                    return Violation("lost-call", $"lost call: request {request.Description} never ran on CPU{missing.First}{sender}", deadlock.Waits);
                }
            }
            if (requests.FirstOrDefault(r => !returned.Contains(r.Id)) is { } stuck)
            {
                return Violation("caller-stuck", $"request {stuck.Description} never returned: CPU{stuck.Caller} spins forever", deadlock.Waits);
            }
        }
        return error;
    }

    private CpuMask Missing(CallRequest request) => new(guaranteed[request.Id].Bits & ~ranOn[request.Id].Bits);

    private void Ran(object? info)
    {
        var cpu = platform.ThisCpu;
        lock (gate)
        {
            if (info is not CallRequest request || !ranOn.TryGetValue(request.Id, out var done))
            {
                throw Violation("foreign-payload", $"CPU{cpu} ran a call with info {info ?? "NULL"}, which no request sent");
            }
            if (!request.Targets.Contains(cpu))
            {
                throw Violation("foreign-payload", $"CPU{cpu} ran {request.Description}, which was not sent to it");
            }
            if (done.Contains(cpu))
            {
                throw Violation("ran-twice", $"CPU{cpu} ran {request.Description} a second time");
            }
            ranOn[request.Id] = done.With(cpu);
        }
    }

    // Which targets lost their guarantee to hotplug, when some did.
    private string Excused(CallRequest request)
    {
        var excused = new CpuMask(request.Targets.Bits & ~guaranteed[request.Id].Bits);
        return excused.IsEmpty ? "" : $", not guaranteed on {excused} (offline during the call)";
    }

    private OracleViolationException Violation(string oracle, string message, IReadOnlyList<string>? extra = null)
    {
        var state = requests.Select(r => $"{r.Description}: ran on {ranOn[r.Id]}{Excused(r)}").ToList();
        if (extra is not null)
        {
            state.AddRange(extra);
        }
        return new OracleViolationException(oracle, message, state);
    }
}
