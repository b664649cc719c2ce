using Conformance.Catalog;
using Conformance.Contracts;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Properties;

/// <summary>
/// The cross-call property: single, many and all-CPU calls with and without wait from any CPU (to
/// itself, to offline CPUs, with interrupts disabled), interleaved with interrupt deliveries on chosen
/// CPUs and interrupt enabling and disabling, then a drain.
/// </summary>
internal sealed class CrossCallProperty : MechanismProperty<CrossCallScenario>
{
    public static readonly CrossCallProperty Instance = new();

    public override Mechanism Mechanism => Mechanism.CrossCall;

    public override int DefaultMaxTest => 300;

    public override Gen<CrossCallScenario> Generator =>
        from cpus in Gen.Choose(2, 4)
        from ops in Gen.Sized(n => Op(cpus).ArrayOf(Math.Max(n, 4)))
        select new CrossCallScenario(cpus, [.. ops]);

    public override IEnumerable<CrossCallScenario> Shrink(CrossCallScenario scenario) =>
        Shrinking.Sequence(scenario.Ops, op => op.Simpler()).Select(ops => scenario with { Ops = ops });

    public override CaseOutcome Run(CrossCallScenario scenario, Type implementation, ConformanceLevel level) =>
        Run(scenario, implementation, level, RuleSet.Kernel);

    public override CaseOutcome Run(CrossCallScenario scenario, Type implementation, ConformanceLevel level, RuleSet rules) =>
        CrossCallHarness.Run(scenario, implementation, level, rules);

    public override IReadOnlyList<EventMinimum> Minimums(ConformanceLevel level) =>
    [
        new(CrossCallEvents.LocalCall, 20, "a single call to the caller's CPU runs locally"),
        new(CrossCallEvents.WaitingCaller, 40, "a waiting caller is released only after every target ran"),
        new(CrossCallEvents.CallerReleased, 40, "waiting callers are released"),
        new(CrossCallEvents.CsdLockWait, 10, "csd_lock: an entry is not re-used while queued"),
        new(CrossCallEvents.ManyCall, 25, "the call-function queue"),
        new(CrossCallEvents.SeveralEntries, 15, "a handler finding several entries"),
        new(CrossCallEvents.EntriesQueuedTogether, 10, "re-used entries at the head among others"),
        new(CrossCallEvents.DeliverToWaitingCpu, 12, "a waiting CPU still takes interrupts"),
        new(CrossCallEvents.IrqsOffCallRejected, 5, "call_many with interrupts disabled is an error"),
        new(CrossCallEvents.OfflineTarget, 5, "-ENXIO for a CPU not online"),
    ];

    public override string Describe(CrossCallScenario scenario) => ScenarioText.Describe(scenario, scenario.Ops);

    private static Gen<CrossCallOp> Op(int cpus)
    {
        var wait = Gen.Choose(0, 1);
        return Gen.Frequency(
            (18, from t in Gen.Frequency((12, Gen.Choose(0, cpus - 1)), (1, Gen.Constant(cpus))) from w in wait select new CrossCallOp(CrossCallOpKind.CallSingle, t, w)),
            (14, from m in Gen.Choose(0, (1 << cpus) - 1) from w in wait select new CrossCallOp(CrossCallOpKind.CallMany, m, w)),
            (5, wait.Select(w => new CrossCallOp(CrossCallOpKind.Call, 0, w))),
            (35, Gen.Choose(0, cpus - 1).Select(c => new CrossCallOp(CrossCallOpKind.Deliver, c))),
            (14, Gen.Choose(0, cpus - 1).Select(c => new CrossCallOp(CrossCallOpKind.Cpu, c))),
            (3, Gen.Constant(new CrossCallOp(CrossCallOpKind.IrqOff))),
            (4, Gen.Constant(new CrossCallOp(CrossCallOpKind.IrqOn))));
    }
}
