using System.Collections.Immutable;
using Conformance.Backends.Sequential;
using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Contracts;
using Conformance.Models;
using Conformance.Smp;

namespace Conformance.Properties;

/// <summary>
/// Runs one cross-call scenario on an implementation (sequential backend: a call that waits stays
/// blocked until the sequence delivers the target's interrupt) and on <see cref="CrossCallModel"/>.
/// Every request carries its own payload object and its own function, which records (CPU, payload,
/// context). After every step, each contract clause is judged through a <see cref="RuleBook"/> with the
/// predicates every check uses (<see cref="CrossCallPredicates"/>), and a failure names the clause:
/// each target runs each request once (<c>ran-twice</c>) with its own payload (<c>foreign-payload</c>),
/// in interrupt context with interrupts disabled, or locally with interrupts disabled
/// (<c>func-context</c>); a waiting caller returns only after its targets' functions returned
/// (<c>early-return</c>: the kernel's or the seed's reading, as the run's rules say; handlers run whole
/// here, so the two agree on a correct implementation); call_single returns 0 or -ENXIO as its target
/// is online or not (<c>enxio</c>); once no CPU is inside a call, a call that returned is run or pending
/// at each target, and at the end a drain leaves every request run everywhere (<c>lost-call</c>), no
/// caller inside a call (<c>caller-stuck</c>) and nothing pending (<c>quiescent-clean</c>); call_many
/// with interrupts disabled is refused (<c>irqs-off-rejected</c>). At the strict level: the seed's exact
/// runs per delivery, its blocking (csd_lock, csd_wait) and its pending interrupts.
/// </summary>
internal sealed class CrossCallHarness
{
    private readonly CrossCallScenario scenario;
    private readonly ConformanceLevel level;
    private readonly RuleBook rules;
    private readonly CaseRecorder recorder = new();
    private readonly SequentialPlatform platform;
    private readonly List<Observed> runs = [];
    private readonly Dictionary<int, Payload> payloads = [];
    private readonly HashSet<int> returned = [];
    private readonly OperationHandle?[] handles;
    private readonly int?[] active;
    private readonly int?[] results;
    private readonly bool[] irqsOff;
    private ICrossCall? implementation;
    private CrossCallModel ledger;
    private CrossCallModel seed;
    private int cpu;
    private int lastId;

    private CrossCallHarness(CrossCallScenario scenario, ConformanceLevel level, RuleSet rules, SequentialPlatform platform)
    {
        this.scenario = scenario;
        this.level = level;
        this.rules = new RuleBook(rules);
        this.platform = platform;
        ledger = CrossCallModel.Create(scenario.CpuCount);
        seed = ledger;
        handles = new OperationHandle?[scenario.CpuCount];
        active = new int?[scenario.CpuCount];
        results = new int?[scenario.CpuCount];
        irqsOff = new bool[scenario.CpuCount];
    }

    private bool Strict => level == ConformanceLevel.Strict;

    private ICrossCall Impl => implementation!;

    private CrossCallModel Model => Strict ? seed : ledger;

    public static CaseOutcome Run(CrossCallScenario scenario, Type type, ConformanceLevel level, RuleSet rules)
    {
        using var platform = new SequentialPlatform(scenario.CpuCount, 1, Limits.StepBound);
        var harness = new CrossCallHarness(scenario, level, rules, platform);
        return harness.recorder.Outcome(harness.RunAll(type));
    }

    private StepViolation? RunAll(Type type) =>
        StepRunner.Run(
            $"new {type.Name}(platform) to succeed",
            () => implementation = platform.On(0, () => ImplementationFactory.CreateCrossCall(type, platform)),
            scenario.Ops,
            Step,
            () => Model.Describe,
            drain: Drain);

    private void Step(CrossCallOp op)
    {
        recorder.Operation(op.Kind.ToString());
        switch (op.Kind)
        {
            case CrossCallOpKind.Cpu:
                cpu = op.A % scenario.CpuCount;
                break;
            case CrossCallOpKind.IrqOff:
            case CrossCallOpKind.IrqOn:
                if (!platform.IsBusy(cpu))
                {
                    var off = op.Kind == CrossCallOpKind.IrqOff;
                    platform.On(cpu, off ? platform.LocalIrqDisable : platform.LocalIrqEnable);
                    SetIrqs(cpu, off);
                    AfterStep([]);
                }
                break;
            case CrossCallOpKind.Deliver:
                Deliver(op.A % scenario.CpuCount);
                break;
            default:
                if (!platform.IsBusy(cpu))
                {
                    Issue(op);
                }
                break;
        }
    }

    private void Issue(CrossCallOp op)
    {
        var kind = op.Kind switch
        {
            CrossCallOpKind.CallSingle => CallKind.Single,
            CrossCallOpKind.CallMany => CallKind.Many,
            _ => CallKind.All,
        };
        var asked = kind switch
        {
            CallKind.Single => op.A is >= 0 and < 64 ? 1UL << op.A : 0,
            CallKind.Many => (ulong)op.A,
            _ => 0UL,
        };
        if (irqsOff[cpu])
        {
            // The contract leaves a single call with interrupts disabled undefined; many and all are an error.
            if (kind != CallKind.Single)
            {
                RejectedCall(op, asked);
            }
            return;
        }
        var id = ++lastId;
        var request = CallRequest.Plan(id, cpu, kind, asked, op.Wait, scenario.CpuCount);
        var payload = new Payload(id);
        payloads[id] = payload;
        SmpCallFunc func = info => runs.Add(new Observed(id, platform.ThisCpu, info, platform.IrqsDisabled, platform.InInterrupt));
        ledger = ledger.Register(request);
        ImmutableList<CallRun> predicted = [];
        if (Strict)
        {
            (seed, predicted) = seed.Call(request);
        }
        active[cpu] = id;
        results[cpu] = null;
        var caller = cpu;
        recorder.Event(request.Path switch
        {
            CallPath.Local => CrossCallEvents.LocalCall,
            CallPath.Offline => CrossCallEvents.OfflineTarget,
            CallPath.Nothing => CrossCallEvents.NothingToDo,
            CallPath.Many => CrossCallEvents.ManyCall,
            _ => kind == CallKind.Single ? "single call" : CrossCallEvents.FastPath,
        });
        recorder.Event(request.Path == CallPath.Many && ledger.Requests.Values.Any(r => r.Id != id && r.Path == CallPath.Many && !ledger.Done(r.Id)),
            CrossCallEvents.EntriesQueuedTogether);
        handles[caller] = platform.Start(caller, () => results[caller] = kind switch
        {
            CallKind.Single => Impl.CallSingle(op.A, func, payload, op.Wait),
            CallKind.Many => Many(new CpuMask(asked), func, payload, op.Wait),
            _ => Impl.Call(func, payload, op.Wait),
        });
        if (!handles[caller]!.IsCompleted)
        {
            recorder.Event(op.Wait ? CrossCallEvents.WaitingCaller : CrossCallEvents.CsdLockWait);
        }
        AfterStep(predicted);
    }

    private int Many(CpuMask mask, SmpCallFunc func, object payload, bool wait)
    {
        Impl.CallMany(mask, func, payload, wait);
        return 0;
    }

    // smp_call_function_many / smp_call_function with interrupts disabled: the seed's WARN_ON, an error that changes nothing.
    private void RejectedCall(CrossCallOp op, ulong asked)
    {
        var pending = Enumerable.Range(0, scenario.CpuCount).Select(platform.HasPendingIpi).ToArray();
        SmpCallFunc func = info => runs.Add(new Observed(0, platform.ThisCpu, info, platform.IrqsDisabled, platform.InInterrupt));
        Exception? error = null;
        try
        {
            platform.On(cpu, () =>
            {
                if (op.Kind == CrossCallOpKind.CallMany)
                {
                    Impl.CallMany(new CpuMask(asked), func, null, op.Wait);
                }
                else
                {
                    Impl.Call(func, null, op.Wait);
                }
            });
        }
        catch (Exception e) when (e is not StepViolation)
        {
            error = e;
        }
        Judge(ContractClauses.IrqsOffRejected, error is PlatformViolationException,
            nameof(PlatformViolationException), StepRunner.Threw(error));
        Judge(ContractClauses.IrqsOffRejected, runs.Count == 0, "a rejected call to run nothing", $"{runs.Count} run(s)");
        var now = Enumerable.Range(0, scenario.CpuCount).Select(platform.HasPendingIpi).ToArray();
        Judge(ContractClauses.IrqsOffRejected, now.SequenceEqual(pending), $"a rejected call to raise no interrupt (pending {string.Join(",", pending)})", string.Join(",", now));
        recorder.Event(CrossCallEvents.IrqsOffCallRejected);
    }

    private void Deliver(int target)
    {
        var busy = platform.IsBusy(target);
        var pending = platform.HasPendingIpi(target);
        var delivered = platform.DeliverIpi(target);
        ImmutableList<CallRun> predicted = [];
        if (Strict)
        {
            bool expected;
            (seed, expected, predicted) = seed.Deliver(target);
            Expect(delivered == expected, "an interrupt is taken when pending and interrupts are enabled",
                expected ? "delivered" : "nothing to deliver", delivered ? "delivered" : "not delivered");
        }
        recorder.Event(delivered && busy, CrossCallEvents.DeliverToWaitingCpu);
        recorder.Event(!delivered && pending && irqsOff[target], CrossCallEvents.DeliverRefused);
        recorder.Event(runs.Count >= 2, CrossCallEvents.SeveralEntries);
        AfterStep(predicted);
    }

    private void Drain()
    {
        recorder.Operation("Drain");
        for (var c = 0; c < scenario.CpuCount; c++)
        {
            if (irqsOff[c] && !platform.IsBusy(c))
            {
                platform.On(c, platform.LocalIrqEnable);
                SetIrqs(c, false);
            }
        }
        ImmutableList<CallRun> predicted = [];
        if (Strict)
        {
            (seed, predicted) = seed.Drain();
        }
        try
        {
            platform.Drain();
        }
        catch (DeadlockException d)
        {
            // A call some target never ran is lost; otherwise a caller spins on something nobody releases.
            var clause = Owed().Length > 0 ? ContractClauses.LostCall : ContractClauses.CallerStuck;
            throw new StepViolation(clause.Id, $"quiescence ({Owed()})", $"deadlock: {string.Join("; ", d.Waits)}", d);
        }
        AfterStep(predicted);
        var owed = Owed();
        Judge(ContractClauses.LostCall, owed.Length == 0, "every request run on every target", $"still owed: {owed}");
        for (var c = 0; c < scenario.CpuCount; c++)
        {
            Judge(ContractClauses.CallerStuck, !platform.IsBusy(c), $"CPU{c} back from its call", $"CPU{c} still in a call");
        }
        var pendingOn = Enumerable.Range(0, scenario.CpuCount).Where(platform.HasPendingIpi).ToList();
        Judge(ContractClauses.QuiescentClean, CrossCallPredicates.QuiescentHolds(pendingOn.Count > 0, probesReturned: true),
            "no interrupt pending at quiescence", $"CPU{pendingOn.FirstOrDefault()} has an interrupt pending");
        Probe();
    }

    // The black-box half of quiescent-clean: a csd left locked shows only to the next call that needs
    // it, so every CPU makes a no-wait call_single and, on three CPUs or more, a waiting call_many.
    private void Probe()
    {
        SmpCallFunc nothing = _ => { };
        var probes = new List<(int Cpu, OperationHandle Handle)>();
        for (var c = 0; c < scenario.CpuCount; c++)
        {
            var me = c;
            var others = CpuMask.All(scenario.CpuCount).Without(me);
            probes.Add((me, platform.Start(me, () =>
            {
                Impl.CallSingle((me + 1) % scenario.CpuCount, nothing, null, wait: false);
                if (others.Count >= 2)
                {
                    Impl.CallMany(others, nothing, null, wait: true);
                }
            })));
        }
        var stuck = "";
        try
        {
            platform.Drain();
        }
        catch (DeadlockException d)
        {
            stuck = string.Join("; ", d.Waits);
        }
        var open = probes.FirstOrDefault(p => !p.Handle.IsCompleted);
        Judge(ContractClauses.QuiescentClean, CrossCallPredicates.QuiescentHolds(anyIpiPending: false, probesReturned: open.Handle is null),
            "a probe call from every CPU at quiescence to return", $"CPU{open.Cpu}'s probe never returned ({stuck})");
        var failed = probes.FirstOrDefault(p => p.Handle.Exception is not null);
        Judge(ContractClauses.QuiescentClean, failed.Handle is null, "the probe calls to complete without error", StepRunner.Threw(failed.Handle?.Exception));
    }

    private void AfterStep(ImmutableList<CallRun> predicted)
    {
        var observed = runs.ToList();
        runs.Clear();
        foreach (var run in observed)
        {
            Judge(ContractClauses.IrqsOffRejected, run.Request != 0, "a rejected call to run nothing", $"CPU{run.Cpu} ran it");
            var request = ledger.Requests[run.Request];
            var targets = new CpuMask(request.Targets);
            var started = new CpuMask(ledger.Runs.Where(r => r.Request == run.Request).Aggregate(0UL, (m, r) => m | (1UL << r.Cpu)));
            Judge(ContractClauses.RanTwice, CrossCallPredicates.RunsOnce(started, run.Cpu),
                $"CPU{run.Cpu} to run #{run.Request} once", $"CPU{run.Cpu} ran #{run.Request} again");
            Judge(ContractClauses.ForeignPayload, CrossCallPredicates.PayloadIsOwn(sent: true, ReferenceEquals(run.Info, payloads[run.Request]), targets, run.Cpu),
                $"#{run.Request}'s function with {payloads[run.Request]}, only on {targets}", $"CPU{run.Cpu} ran it with {run.Info ?? "null"}");
            Judge(ContractClauses.FuncContext, CrossCallPredicates.ContextHolds(request.Local, run.InInterrupt, run.IrqsDisabled),
                request.Local ? "a local call with irqs disabled" : "a remote call in interrupt context with irqs disabled",
                $"CPU{run.Cpu} ran #{run.Request} {(run.InInterrupt ? "in" : "outside")} interrupt context with irqs {(run.IrqsDisabled ? "disabled" : "enabled")}");
            ledger = ledger.RecordRun(run.Cpu, run.Request);
        }
        if (Strict)
        {
            var got = observed.Select(r => new CallRun(r.Cpu, r.Request)).ToHashSet();
            Expect(got.SetEquals(predicted), "the seed's handlers run exactly what is queued for the CPU",
                Runs(predicted), Runs(got));
        }
        for (var c = 0; c < scenario.CpuCount; c++)
        {
            if (active[c] is not int id || handles[c] is not { IsCompleted: true } handle)
            {
                continue;
            }
            var request = ledger.Requests[id];
            Expect(handle.Exception is null, "a call completes without error", "no error", StepRunner.Threw(handle.Exception));
            // A func returns before the handler goes on here, so a target that ran it has finished it.
            var targets = new CpuMask(request.Targets);
            var finished = new CpuMask(request.TargetCpus().Where(t => !ledger.Owes(t, id)).Aggregate(0UL, (m, t) => m | (1UL << t)));
            if (request.Wait || request.Local)
            {
                var verdict = rules.Judge(ContractClauses.EarlyReturn,
                    CrossCallPredicates.WaitHoldsForKernel(targets, finished),
                    CrossCallPredicates.WaitHoldsForSeed(targets, targets, finished),
                    $"#{id} returned while {Owed(id)} still owe it");
                Judge(ContractClauses.EarlyReturn, verdict != ClauseVerdict.Broken,
                    $"#{id} run on {targets} before CPU{c} returns", $"CPU{c} returned while {Owed(id)} still owe it");
            }
            var offline = request.Path == CallPath.Offline;
            Judge(ContractClauses.Enxio, CrossCallPredicates.ResultHolds(request.Kind == CallKind.Single, !offline, offline, results[c] ?? int.MinValue),
                $"{(offline ? CrossCallPredicates.Enxio : 0)}", $"{results[c]}");
            recorder.Event(request.Wait && !request.Local && request.Path != CallPath.Nothing, CrossCallEvents.CallerReleased);
            returned.Add(id);
            active[c] = null;
        }
        // Only once no CPU is inside a call: a caller still in one may yet raise the interrupt. The
        // per-target design (2013 on) queues on every target first and sends after, so a call queued
        // behind its entry returns with no interrupt pending yet, and is not lost.
        var callerInside = Enumerable.Range(0, scenario.CpuCount).Any(platform.IsBusy);
        foreach (var id in returned.Where(_ => !callerInside))
        {
            foreach (var target in ledger.Requests[id].TargetCpus().Where(t => ledger.Owes(t, id)))
            {
                Judge(ContractClauses.LostCall, platform.HasPendingIpi(target),
                    $"an interrupt pending on CPU{target} for #{id}", "none: the call is lost");
            }
        }
        if (Strict)
        {
            for (var c = 0; c < scenario.CpuCount; c++)
            {
                Expect(platform.IsBusy(c) == seed.IsBlocked(c), "callers block exactly where the seed spins (csd_lock, csd_wait)",
                    seed.IsBlocked(c) ? $"CPU{c} waits ({seed.Waiting[c]})" : $"CPU{c} not in a call",
                    platform.IsBusy(c) ? $"CPU{c} waits for {platform.WaitingFor(c)}" : $"CPU{c} returned");
                Expect(platform.HasPendingIpi(c) == seed.HasPending(c), "an interrupt is pending exactly where a call is queued",
                    seed.HasPending(c) ? $"CPU{c} pending" : $"CPU{c} not pending", platform.HasPendingIpi(c) ? "pending" : "not pending");
            }
        }
    }

    private void SetIrqs(int c, bool off)
    {
        irqsOff[c] = off;
        ledger = ledger.WithIrqsDisabled(c, off);
        seed = seed.WithIrqsDisabled(c, off);
    }

    private string Owed() =>
        string.Join(", ", ledger.Remaining.Where(p => p.Value != 0).Select(p => $"#{p.Key} by {{{Owed(p.Key)}}}"));

    private string Owed(int id) => string.Join(",", ledger.Requests[id].TargetCpus().Where(t => ledger.Owes(t, id)));

    private static string Runs(IEnumerable<CallRun> runs) =>
        "{" + string.Join(", ", runs.OrderBy(r => r.Request).ThenBy(r => r.Cpu)) + "}";


    // A clause both rule sets read alike, or one already judged: a failure names the clause.
    private static void Judge(Clause clause, bool holds, string expected, string actual)
    {
        if (!holds)
        {
            throw new StepViolation(clause.Id, expected, actual);
        }
    }

    private static void Expect(bool condition, string check, string expected, string actual)
    {
        if (!condition)
        {
            throw new StepViolation(check, expected, actual);
        }
    }

    private sealed record Observed(int Request, int Cpu, object? Info, bool IrqsDisabled, bool InInterrupt);

    private sealed class Payload(int id)
    {
        public override string ToString() => $"payload#{id}";
    }
}
