using System.Globalization;
using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Models;
using Conformance.Smp;
using Conformance.Stress.Checking;
using Conformance.Stress.Specifications;
using PlannedCall = Conformance.Models.CallRequest;

namespace Conformance.Stress.Harness;

/// <summary>
/// Cross-call stress: every CPU makes single calls (to itself or another CPU), many calls to random
/// masks and calls to all, with and without wait, each with its own payload (a request of the
/// <see cref="CallLedger"/>, whose function records the run). Oracles: at once, a CPU running a payload
/// twice, one not sent to it or not sent at all, a waiting call returning before its targets ran; at
/// every checkpoint (every CPU still, every IPI taken) and at the end, every call ran on every target.
/// </summary>
internal sealed class CrossCallStress : MechanismStress
{
    private readonly ICrossCall ipi;
    private readonly CallLedger ledger;
    private readonly HistoryRecorder<CrossCallEvent> history;
    private readonly CrossCallIntent[][] streams;
    private readonly SmpCallFunc func;

    // When each target's function started, per request, taken with its history tick under one lock:
    // a waiting caller's completion tick and its check take the same lock, so "started before the caller
    // was back" means the same thing to the early-return oracle as to the linearizability check.
    private readonly object startGate = new();
    private readonly Dictionary<int, ulong> started = [];

    public CrossCallStress(ImplementationEntry implementation, StressOptions options)
        : base(implementation, options, drainIpis: true)
    {
        ipi = ImplementationFactory.CreateCrossCall(implementation.Type, Platform);
        ledger = new CallLedger(Platform, Rules);
        history = new HistoryRecorder<CrossCallEvent>(Platform);
        func = Ran;
        streams = new CrossCallIntent[options.Cpus][];
        for (var cpu = 0; cpu < options.Cpus; cpu++)
        {
            var random = StressSeeds.Stream(options.Seed, cpu);
            streams[cpu] = new CrossCallIntent[OperationsPerCpu];
            for (var i = 0; i < OperationsPerCpu; i++)
            {
                streams[cpu][i] = CrossCallIntent.Next(ref random, options.Cpus);
            }
        }
    }

    public override void AtQuiescence() => ledger.CheckAllRan();

    public override HistoryCheck CheckHistory(CheckLimits limits) => Check(new CrossCallSpecification(), history, limits);

    public override IReadOnlyList<string> InFlight() => history.InFlight();

    protected override long Progress => history.Now;

    /// <summary>A run that never got back to quiescence with a call some target never ran: a lost call.</summary>
    public override Exception Explain(Exception failure)
    {
        if (failure is not TimeoutException timeout)
        {
            return failure;
        }
        try
        {
            ledger.CheckAllRan();
        }
        catch (OracleViolationException lost)
        {
            return new OracleViolationException(lost.Oracle, $"{lost.Message}, and the machine never got back to quiescence: {timeout.Message}", lost.State);
        }
        return failure;
    }

    protected override void AtCheckpoint() => ledger.CheckAllRan();

    protected override void Execute(int cpu, int index)
    {
        var intent = streams[cpu][index];
        var plan = PlannedCall.Plan(0, cpu, intent.Kind, intent.Asked, intent.Wait, Platform.CpuCount);
        var request = ledger.Issue(cpu, new CpuMask(plan.Targets), intent.Wait, intent.ToString());
        var call = history.Begin(cpu, request);
        var result = intent.Kind switch
        {
            CallKind.Single => ipi.CallSingle(intent.Target, func, request, intent.Wait),
            CallKind.Many => Many(intent, request),
            _ => ipi.Call(func, request, intent.Wait),
        };
        history.End(cpu, CrossCallEvent.Send(request.Id, cpu, intent.Kind, plan.Targets, intent.Wait, result), call);
        ulong begun = 0;
        if (intent.Wait)
        {
            lock (startGate)
            {
                history.Instant(cpu, CrossCallEvent.Completed(request.Id, cpu));
                begun = started.GetValueOrDefault(request.Id);
            }
        }
        if (result != 0)
        {
            throw new OracleViolationException("call-failed",
                string.Create(CultureInfo.InvariantCulture, $"{request} returned {result}, but every target is online"));
        }
        // Not the ledger's early-return check, for two reasons. It reads what the functions recorded a
        // moment after they started, so a target preempted in between would be blamed for a run it had
        // begun. And it wants every target, where the seed completes a many-call once its last taker ran
        // the function, while a target that took it earlier may not have entered it yet
        // (CrossCallSpecification's remarks): a waiting caller is owed one target's run, all of them for a
        // single call; the others are checked at the next checkpoint.
        if (intent.Wait && plan.Targets != 0 && (plan.Targets & begun) == 0)
        {
            throw new OracleViolationException("early-return",
                $"{request.Description} returned before any of its targets started it");
        }
        Done(cpu);
    }

    protected override void Finish(int cpu)
    {
    }

    private int Many(CrossCallIntent intent, Concurrency.Oracles.CallRequest request)
    {
        ipi.CallMany(new CpuMask(intent.Mask), func, request, intent.Wait);
        return 0;
    }

    // The function of every request: the ledger records and checks the payload; the history's run is
    // the interval around that record, the moment the target took the call (see CrossCallSpecification).
    private void Ran(object? info)
    {
        var cpu = Platform.ThisCpu;
        var id = info is Concurrency.Oracles.CallRequest request ? request.Id : 0;
        long call;
        lock (startGate)
        {
            call = history.Begin(cpu, $"the function of R{id}");
            started[id] = started.GetValueOrDefault(id) | (1UL << cpu);
        }
        try
        {
            ledger.Func(info);
        }
        finally
        {
            history.End(cpu, CrossCallEvent.Ran(id, cpu), call);
        }
    }
}
