using Conformance.Concurrency.Exploration;
using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// The black-box oracle for cross-calls: every request carries a unique payload; each target must run
/// it exactly once, with that payload; no CPU may run a payload that was not sent to it; a waiting call
/// returns only after every target ran it; at quiescence nothing is missing. The harness's function
/// reports to the ledger as it runs, so a violation stops the run where it happens.
/// </summary>
public sealed class CallLedger(Platform platform)
{
    private readonly object gate = new();
    private readonly List<CallRequest> requests = [];
    private readonly Dictionary<int, CpuMask> ranOn = [];

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
            return request;
        }
    }

    /// <summary>Called by the caller after the call returned: a waiting call must have run everywhere.</summary>
    public void Returned(CallRequest request)
    {
        if (!request.Wait)
        {
            return;
        }
        lock (gate)
        {
            var missing = new CpuMask(request.Targets.Bits & ~ranOn[request.Id].Bits);
            if (!missing.IsEmpty)
            {
                throw Violation("early-return", $"{request.Description} returned before {missing} ran it");
            }
        }
    }

    /// <summary>At quiescence: every request ran on every target.</summary>
    public void CheckAllRan()
    {
        lock (gate)
        {
            foreach (var request in requests)
            {
                var missing = new CpuMask(request.Targets.Bits & ~ranOn[request.Id].Bits);
                if (!missing.IsEmpty)
                {
                    throw Violation("lost-call", $"lost call: request {request.Description} never ran on CPU{missing.First}");
                }
            }
        }
    }

    /// <summary>
    /// Explains a run that could not finish: a request some target never ran is a lost call (its
    /// sender, if it waits, waits forever), reported with who waits for what.
    /// </summary>
    public Exception Explain(Exception error)
    {
        if (error is not DeadlockException deadlock)
        {
            return error;
        }
        lock (gate)
        {
            foreach (var request in requests)
            {
                var missing = new CpuMask(request.Targets.Bits & ~ranOn[request.Id].Bits);
                if (!missing.IsEmpty)
                {
                    var sender = request.Wait ? "; its sender waits forever" : "";
                    return Violation("lost-call", $"lost call: request {request.Description} never ran on CPU{missing.First}{sender}", deadlock.Waits);
                }
            }
        }
        return error;
    }

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

    private OracleViolationException Violation(string oracle, string message, IReadOnlyList<string>? extra = null)
    {
        var state = requests.Select(r => $"{r.Description}: ran on {ranOn[r.Id]}").ToList();
        if (extra is not null)
        {
            state.AddRange(extra);
        }
        return new OracleViolationException(oracle, message, state);
    }
}
