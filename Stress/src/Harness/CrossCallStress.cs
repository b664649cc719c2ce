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
/// masks and calls to all, with and without wait, each with its own payload and its own function (a
/// request of the <see cref="CallLedger"/>, whose function records its start and finish). Oracles: at
/// once, the ledger's (a CPU running a payload twice, one not sent to it, func and info of different
/// calls, a func outside interrupt context or with interrupts enabled, a waiting call returning before
/// its targets' functions returned, a result other than the documented one), judged in
/// <see cref="MechanismStress.Rules"/>, so a run at the seed's rules records the seed's early returns;
/// at every checkpoint (every CPU still, every IPI taken) every call ran on every target; each CPU ends
/// with probe calls, and at the end nothing may be pending or left locked; the recorded history is
/// checked against <see cref="CrossCallSpecification"/> under the same rules.
/// </summary>
internal sealed class CrossCallStress : MechanismStress
{
    private readonly ICrossCall ipi;
    private readonly CallLedger ledger;
    private readonly QuiescenceProbe probe;
    private readonly HistoryRecorder<CrossCallEvent> history;
    private readonly CrossCallIntent[][] streams;

    public CrossCallStress(ImplementationEntry implementation, StressOptions options)
        : base(implementation, options, drainIpis: true)
    {
        ipi = ImplementationFactory.CreateCrossCall(implementation.Type, Platform);
        ledger = new CallLedger(Platform, Rules);
        probe = new QuiescenceProbe(Platform, ledger, ipi, options.Cpus);
        history = new HistoryRecorder<CrossCallEvent>(Platform);
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

    public override void AtQuiescence() => ledger.CheckQuiescent();

    public override HistoryCheck CheckHistory(CheckLimits limits) => Check(new CrossCallSpecification(Options.Rules), history, limits);

    public override IReadOnlyList<string> InFlight() => history.InFlight();

    protected override long Progress => history.Now;

    /// <summary>A run that never got back to quiescence with a call some target never ran: a lost call; with a probe that never returned: something left locked.</summary>
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
        if (ledger.StuckProbe() is { } stuck)
        {
            return new OracleViolationException(stuck.Oracle, $"{stuck.Message}, and the machine never got back to quiescence: {timeout.Message}", stuck.State);
        }
        return failure;
    }

    protected override void AtCheckpoint() => ledger.CheckAllRan();

    protected override void Execute(int cpu, int index)
    {
        var intent = streams[cpu][index];
        var plan = PlannedCall.Plan(0, cpu, intent.Kind, intent.Asked, intent.Wait, Platform.CpuCount);
        var request = ledger.Issue(cpu, new CpuMask(plan.Targets), intent.Wait, intent.ToString(), single: intent.Kind == CallKind.Single);
        SmpCallFunc func = info => Ran(request, info);
        var call = history.Begin(cpu, request);
        var result = intent.Kind switch
        {
            CallKind.Single => ipi.CallSingle(intent.Target, func, request, intent.Wait),
            CallKind.Many => Many(intent, func, request),
            _ => ipi.Call(func, request, intent.Wait),
        };
        history.End(cpu, CrossCallEvent.Send(request.Id, cpu, intent.Kind, plan.Targets, intent.Wait, result), call);
        if (intent.Wait)
        {
            history.Instant(cpu, CrossCallEvent.Completed(request.Id, cpu));
        }
        ledger.Returned(request, result);
        Done(cpu);
    }

    /// <summary>The probe calls: whatever this CPU's calls left locked shows as a probe that never returns.</summary>
    protected override void Finish(int cpu) => probe.Probe(cpu);

    private int Many(CrossCallIntent intent, SmpCallFunc func, Concurrency.Oracles.CallRequest request)
    {
        ipi.CallMany(new CpuMask(intent.Mask), func, request, intent.Wait);
        return 0;
    }

    // The function of one request: the history's run is its first action, its finish its last; between
    // them the ledger's function records and checks both.
    private void Ran(Concurrency.Oracles.CallRequest request, object? info)
    {
        var cpu = Platform.ThisCpu;
        history.Instant(cpu, CrossCallEvent.Ran(request.Id, cpu));
        request.Func(info);
        history.Instant(cpu, CrossCallEvent.Finished(request.Id, cpu));
    }
}
