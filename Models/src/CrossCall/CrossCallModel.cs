using System.Collections.Immutable;
using System.Text;

namespace Conformance.Models;

/// <summary>
/// Generic IPI cross-calls as a value. The ledger (every level): the requests, the targets each still
/// has to run on, every run so far, and which callers wait. The seed's machinery (strict level): the
/// per-cpu single queues, the global call-function queue (re-used entries at the head), the per-cpu
/// <c>csd_data</c> and <c>cfd_data</c> locks, and the interrupt state of each CPU.
/// </summary>
/// <remarks>
/// A CPU has an interrupt pending exactly when some issued request still has to run there (the seed
/// raises the IPI in the same step it queues the entry, and a handler drains everything queued for its
/// CPU). Blocked callers resume as soon as what they wait for happens, lowest CPU first.
/// </remarks>
public sealed record CrossCallModel(
    int CpuCount,
    ImmutableSortedDictionary<int, CallRequest> Requests,
    ImmutableSortedDictionary<int, ulong> Remaining,
    ImmutableList<CallRun> Runs,
    ImmutableSortedDictionary<int, CallerWait> Waiting,
    ImmutableArray<ImmutableList<int>> SingleQueue,
    ImmutableList<int> CallFunctionQueue,
    ImmutableArray<int?> CsdOwner,
    ImmutableArray<int?> CfdOwner,
    ImmutableArray<bool> IrqsDisabled)
{
    public static CrossCallModel Create(int cpuCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cpuCount, 64);
        return new CrossCallModel(
            cpuCount, ImmutableSortedDictionary<int, CallRequest>.Empty, ImmutableSortedDictionary<int, ulong>.Empty, [],
            ImmutableSortedDictionary<int, CallerWait>.Empty,
            [.. Enumerable.Repeat(ImmutableList<int>.Empty, cpuCount)], [],
            [.. new int?[cpuCount]], [.. new int?[cpuCount]], [.. new bool[cpuCount]]);
    }

    // ---- the ledger --------------------------------------------------------------------------------

    /// <summary>Whether a CPU is inside a call that has not returned.</summary>
    public bool IsBlocked(int cpu) => Waiting.ContainsKey(cpu);

    /// <summary>Whether <paramref name="cpu"/> still has to run request <paramref name="request"/>.</summary>
    public bool Owes(int cpu, int request) => Remaining.TryGetValue(request, out var rest) && (rest & (1UL << cpu)) != 0;

    /// <summary>Whether every target of a request has run it.</summary>
    public bool Done(int request) => !Remaining.TryGetValue(request, out var rest) || rest == 0;

    /// <summary>Whether every request has run everywhere and nobody waits: the state after a drain.</summary>
    public bool Quiescent => Remaining.Values.All(r => r == 0) && Waiting.IsEmpty;

    /// <summary>Records a request in the ledger (no machinery): what a contract-level harness does.</summary>
    public CrossCallModel Register(CallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var remaining = request.Path is CallPath.Offline or CallPath.Nothing ? 0UL : request.Targets;
        return this with { Requests = Requests.Add(request.Id, request), Remaining = Remaining.SetItem(request.Id, remaining) };
    }

    /// <summary>Records that <paramref name="cpu"/> ran a request: the ledger only.</summary>
    public CrossCallModel RecordRun(int cpu, int request)
    {
        if (!Owes(cpu, request))
        {
            throw new InvalidOperationException($"CPU{cpu} does not owe request #{request}");
        }
        return this with
        {
            Remaining = Remaining.SetItem(request, Remaining[request] & ~(1UL << cpu)),
            Runs = Runs.Add(new CallRun(cpu, request)),
        };
    }

    /// <summary>Sets which CPUs wait, as observed: the ledger only.</summary>
    public CrossCallModel WithWaiting(ImmutableSortedDictionary<int, CallerWait> waiting) => this with { Waiting = waiting };

    public CrossCallModel WithIrqsDisabled(int cpu, bool disabled) => this with { IrqsDisabled = IrqsDisabled.SetItem(cpu, disabled) };

    // ---- the seed's machinery ------------------------------------------------------------------------

    /// <summary>
    /// Whether an interrupt is pending on <paramref name="cpu"/>: an issued request still owes a run there.
    /// </summary>
    public bool HasPending(int cpu) =>
        !SingleQueue[cpu].IsEmpty || CallFunctionQueue.Any(id => Owes(cpu, id));

    /// <summary>
    /// The caller makes the call: it runs locally at once, returns, is queued and returns, or spins
    /// (on a csd lock still held by its previous call, or for completion). Returns the runs it made.
    /// </summary>
    public (CrossCallModel Next, ImmutableList<CallRun> Ran) Call(CallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsBlocked(request.Caller))
        {
            throw new InvalidOperationException($"CPU{request.Caller} is still inside a call");
        }
        var model = Register(request);
        switch (request.Path)
        {
            case CallPath.Nothing:
            case CallPath.Offline:
                return (model, []);
            case CallPath.Local:
                model = model.RecordRun(request.Caller, request.Id);
                return (model, [new CallRun(request.Caller, request.Id)]);
            case CallPath.SingleAsync when CsdOwner[request.Caller] is not null:
                return (model with { Waiting = Waiting.Add(request.Caller, new CallerWait(request.Id, WaitReason.CsdLock)) }, []);
            case CallPath.Many when CfdOwner[request.Caller] is not null:
                return (model with { Waiting = Waiting.Add(request.Caller, new CallerWait(request.Id, WaitReason.CfdLock)) }, []);
            default:
                return (model.Enqueue(request), []);
        }
    }

    /// <summary>
    /// Delivers the interrupts pending on <paramref name="cpu"/> (false when there are none or the CPU
    /// has interrupts disabled): the call-function handler walks the global queue from its head, then the
    /// single handler runs the CPU's queue in order; then blocked callers whose wait is over go on.
    /// </summary>
    public (CrossCallModel Next, bool Delivered, ImmutableList<CallRun> Ran) Deliver(int cpu)
    {
        if (IrqsDisabled[cpu] || !HasPending(cpu))
        {
            return (this, false, []);
        }
        var model = this;
        var ran = ImmutableList.CreateBuilder<CallRun>();
        foreach (var id in CallFunctionQueue)
        {
            if (!model.Owes(cpu, id))
            {
                continue;
            }
            model = model.RecordRun(cpu, id);
            ran.Add(new CallRun(cpu, id));
            if (model.Done(id))
            {
                // refs reached 0: list_del_rcu, then csd_unlock of the caller's cfd_data.
                var caller = model.Requests[id].Caller;
                model = model with
                {
                    CallFunctionQueue = model.CallFunctionQueue.Remove(id),
                    CfdOwner = model.CfdOwner.SetItem(caller, null),
                };
            }
        }
        foreach (var id in model.SingleQueue[cpu])
        {
            var request = model.Requests[id];
            model = model.RecordRun(cpu, id);
            ran.Add(new CallRun(cpu, id));
            if (request.Path == CallPath.SingleAsync)
            {
                model = model with { CsdOwner = model.CsdOwner.SetItem(request.Caller, null) };
            }
        }
        model = model with { SingleQueue = model.SingleQueue.SetItem(cpu, []) };
        return (model.Resume(), true, ran.ToImmutable());
    }

    /// <summary>What <c>Drain</c> does: delivers on the lowest CPU with work until nothing is pending.</summary>
    public (CrossCallModel Next, ImmutableList<CallRun> Ran) Drain()
    {
        var model = this;
        var ran = ImmutableList<CallRun>.Empty;
        while (true)
        {
            var cpu = Enumerable.Range(0, CpuCount).FirstOrDefault(c => model.HasPending(c) && !model.IrqsDisabled[c], -1);
            if (cpu < 0)
            {
                return (model, ran);
            }
            var (next, _, runs) = model.Deliver(cpu);
            model = next;
            ran = ran.AddRange(runs);
        }
    }

    // Puts an issued request on its queue, taking the caller's csd lock for the per-cpu entries.
    private CrossCallModel Enqueue(CallRequest request)
    {
        var model = this;
        switch (request.Path)
        {
            case CallPath.SingleAsync:
            case CallPath.SingleSync:
                var target = request.TargetCpus().Single();
                model = model with { SingleQueue = model.SingleQueue.SetItem(target, model.SingleQueue[target].Add(request.Id)) };
                if (request.Path == CallPath.SingleAsync)
                {
                    model = model with { CsdOwner = model.CsdOwner.SetItem(request.Caller, request.Id) };
                }
                break;
            case CallPath.Many:
                // The seed's rule: a (re-)used entry goes at the HEAD of the call-function queue.
                model = model with
                {
                    CallFunctionQueue = model.CallFunctionQueue.Insert(0, request.Id),
                    CfdOwner = model.CfdOwner.SetItem(request.Caller, request.Id),
                };
                break;
            default:
                throw new InvalidOperationException($"request {request} is not queued");
        }
        return request.Wait
            ? model with { Waiting = model.Waiting.SetItem(request.Caller, new CallerWait(request.Id, WaitReason.Completion)) }
            : model with { Waiting = model.Waiting.Remove(request.Caller) };
    }

    // Blocked callers whose wait is over go on, lowest CPU first.
    private CrossCallModel Resume()
    {
        var model = this;
        foreach (var (cpu, wait) in Waiting)
        {
            var request = model.Requests[wait.Request];
            switch (wait.Reason)
            {
                case WaitReason.Completion when model.Done(wait.Request):
                    model = model with { Waiting = model.Waiting.Remove(cpu) };
                    break;
                case WaitReason.CsdLock when model.CsdOwner[cpu] is null:
                case WaitReason.CfdLock when model.CfdOwner[cpu] is null:
                    model = model.Enqueue(request);
                    break;
            }
        }
        return model;
    }

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append($"{CpuCount} CPUs, {Requests.Count} request(s), {Runs.Count} run(s)");
        foreach (var request in Requests.Values)
        {
            var rest = Remaining.GetValueOrDefault(request.Id);
            sb.Append($"\n    {request}: ");
            sb.Append(rest == 0 ? "done" : $"still owed by {{{string.Join(",", Cpus(rest))}}}");
            sb.Append(Waiting.Values.Any(w => w.Request == request.Id && w.Reason != WaitReason.Completion) ? " (its caller spins in csd_lock: not queued yet)" : "");
        }
        for (var cpu = 0; cpu < CpuCount; cpu++)
        {
            sb.Append($"\n    CPU{cpu}: irqs {(IrqsDisabled[cpu] ? "off" : "on")}");
            if (Waiting.TryGetValue(cpu, out var w))
            {
                sb.Append($", waits {w}");
            }
            sb.Append($", single queue [{string.Join(",", SingleQueue[cpu])}]");
            sb.Append($", csd_data {(CsdOwner[cpu] is int c ? "#" + c : "free")}, cfd_data {(CfdOwner[cpu] is int f ? "#" + f : "free")}");
            sb.Append(HasPending(cpu) ? ", IPI pending" : "");
        }
        sb.Append($"\n    call_function queue (head first) [{string.Join(",", CallFunctionQueue)}]");
        return sb.ToString();
    }

    private static IEnumerable<int> Cpus(ulong mask)
    {
        for (var cpu = 0; cpu < 64; cpu++)
        {
            if ((mask & (1UL << cpu)) != 0)
            {
                yield return cpu;
            }
        }
    }
}
