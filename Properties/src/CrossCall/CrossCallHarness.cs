using System.Collections.Immutable;
using Conformance.Backends.Sequential;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Models;
using Conformance.Smp;

namespace Conformance.Properties;

/// <summary>
/// Runs one cross-call scenario on an implementation (sequential backend: a call that waits stays
/// blocked until the sequence delivers the target's interrupt) and on <see cref="CrossCallModel"/>.
/// Every request carries its own payload object and its own function, which records (CPU, payload).
/// After every step: each target runs each request exactly once with its own payload, no CPU runs a
/// call not sent to it, a waiting caller returns only after a target ran (the seed's wait), once no CPU
/// is inside a call a call that returned is either run or pending at each target; at the end a drain leaves nothing
/// pending and every request run everywhere. At the strict level: the seed's exact runs per delivery,
/// its blocking (csd_lock, csd_wait) and its pending interrupts.
/// </summary>
internal sealed class CrossCallHarness
{
    private readonly CrossCallScenario scenario;
    private readonly ConformanceLevel level;
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

    private CrossCallHarness(CrossCallScenario scenario, ConformanceLevel level, SequentialPlatform platform)
    {
        this.scenario = scenario;
        this.level = level;
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

    public static CaseOutcome Run(CrossCallScenario scenario, Type type, ConformanceLevel level)
    {
        using var platform = new SequentialPlatform(scenario.CpuCount, 1, Limits.StepBound);
        var harness = new CrossCallHarness(scenario, level, platform);
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
        SmpCallFunc func = info => runs.Add(new Observed(id, platform.ThisCpu, info, platform.IrqsDisabled));
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
        SmpCallFunc func = info => runs.Add(new Observed(0, platform.ThisCpu, info, platform.IrqsDisabled));
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
        Expect(error is PlatformViolationException, "a call_many with interrupts disabled is rejected",
            nameof(PlatformViolationException), StepRunner.Threw(error));
        Expect(runs.Count == 0, "a rejected call runs nothing", "no run", $"{runs.Count} run(s)");
        var now = Enumerable.Range(0, scenario.CpuCount).Select(platform.HasPendingIpi).ToArray();
        Expect(now.SequenceEqual(pending), "a rejected call raises no interrupt", string.Join(",", pending), string.Join(",", now));
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
            throw new StepViolation("no call is lost: once every interrupt is delivered every target ran every call",
                $"quiescence ({Owed()})", $"deadlock: {string.Join("; ", d.Waits)}", d);
        }
        AfterStep(predicted);
        var owed = Owed();
        Expect(owed.Length == 0, "no call is lost", "every request run on every target", $"still owed: {owed}");
        for (var c = 0; c < scenario.CpuCount; c++)
        {
            Expect(!platform.IsBusy(c) && !platform.HasPendingIpi(c), "nothing pending at quiescence", $"CPU{c} idle",
                platform.IsBusy(c) ? $"CPU{c} still in a call" : $"CPU{c} has an interrupt pending");
        }
    }

    private void AfterStep(ImmutableList<CallRun> predicted)
    {
        var observed = runs.ToList();
        runs.Clear();
        foreach (var run in observed)
        {
            Expect(run.Request != 0, "a rejected call runs nothing", "no run", $"CPU{run.Cpu} ran it");
            Expect(ReferenceEquals(run.Info, payloads[run.Request]), "each call runs with its own info",
                $"#{run.Request}'s function with {payloads[run.Request]}", $"it ran with {run.Info ?? "null"}");
            if (!ledger.Owes(run.Cpu, run.Request))
            {
                var again = ledger.Runs.Contains(new CallRun(run.Cpu, run.Request));
                Expect(false, again ? "each target runs each call exactly once" : "no CPU runs a call not sent to it",
                    again ? $"CPU{run.Cpu} to run #{run.Request} once" : $"#{run.Request} only on {{{string.Join(",", ledger.Requests[run.Request].TargetCpus())}}}",
                    again ? $"CPU{run.Cpu} ran #{run.Request} again" : $"CPU{run.Cpu} ran #{run.Request}");
            }
            Expect(run.IrqsDisabled, "a call runs with interrupts disabled", "irqs disabled", $"CPU{run.Cpu} ran #{run.Request} with irqs enabled");
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
            if (request.Wait)
            {
                // The seed's wait (ICrossCall): a many-call's last taker completes it after its own func,
                // while a target that took it earlier may not have entered func yet.
                var targets = request.TargetCpus().ToList();
                var owedNow = targets.Count > 1 ? targets.All(t => ledger.Owes(t, id)) : !ledger.Done(id);
                Expect(!owedNow, "a waiting caller returns only after a target ran (its target, for one)",
                    $"#{id} run on one of {{{string.Join(",", targets)}}}", $"CPU{c} returned while {Owed(id)} still owe it");
            }
            Expect(!request.Local || ledger.Done(id), "a local call runs before it returns", $"#{id} run on CPU{c}", "it returned without running");
            var expected = request.Path == CallPath.Offline ? -6 : 0;
            Expect(results[c] == expected, "the documented return value", $"{expected}", $"{results[c]}");
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
                Expect(platform.HasPendingIpi(target), "a call that returned is run or pending at each target",
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


    private static void Expect(bool condition, string check, string expected, string actual)
    {
        if (!condition)
        {
            throw new StepViolation(check, expected, actual);
        }
    }

    private sealed record Observed(int Request, int Cpu, object? Info, bool IrqsDisabled);

    private sealed class Payload(int id)
    {
        public override string ToString() => $"payload#{id}";
    }
}
