using Conformance.Catalog;
using Conformance.Contracts;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Properties;

/// <summary>
/// The pool property: allocations (in process context, with interrupts off, from an interrupt
/// handler), fills to explicit targets (above and below the low watermark), empties, refill work,
/// frees of held elements and invalid initialisations, over a reserve small enough to run out.
/// </summary>
internal sealed class PoolProperty : MechanismProperty<PoolScenario>
{
    public static readonly PoolProperty Instance = new();

    public override Mechanism Mechanism => Mechanism.Pool;

    public override int DefaultMaxTest => 300;

    public override Gen<PoolScenario> Generator =>
        from cpus in Gen.Choose(1, 3)
        from reserve in Gen.Elements(64, 128, 256)
        from size in Gen.Frequency((3, Gen.Choose(1, 8)), (2, Gen.Choose(9, 24)))
        from align in Gen.Elements(1, 2, 4, 8, 16)
        from low in Gen.Choose(0, 4)
        from extra in Gen.Choose(0, 3)
        from ops in Gen.Sized(n => Op(low + extra).ArrayOf(Math.Max(n, 4)))
        select new PoolScenario(cpus, reserve, new PoolParameters(size, align, low, low + extra), [.. ops]);

    public override IEnumerable<PoolScenario> Shrink(PoolScenario scenario) =>
        Shrinking.Sequence(scenario.Ops, op => op.Simpler()).Select(ops => scenario with { Ops = ops });

    public override CaseOutcome Run(PoolScenario scenario, Type implementation, ConformanceLevel level) =>
        PoolHarness.Run(scenario, implementation, level);

    public override IReadOnlyList<EventMinimum> Minimums(ConformanceLevel level) =>
    [
        new(PoolEvents.AllocEmpty, 30, "an empty pool returns NULL and schedules"),
        new(PoolEvents.RefillScheduled, 40, "the refill trigger"),
        new(PoolEvents.RefillRan, 30, "the refill fills to high"),
        new(PoolEvents.InhibitSet, 10, "a small fill inhibits refill"),
        new(PoolEvents.InhibitCleared, 3, "the empty pool clears inhibit_fill"),
        new(PoolEvents.AllocLeavesLow, 10, "the watermark boundary"),
        new(PoolEvents.FillExhausted, 10, "fill stops when the allocator runs out"),
        new(PoolEvents.FreeHeld, 30, "held elements go back to the allocator"),
        new(PoolEvents.AllocInIrq, 10, "alloc from an interrupt handler"),
    ];

    public override string Describe(PoolScenario scenario) => ScenarioText.Describe(scenario, scenario.Ops);

    private static Gen<PoolOp> Op(int high)
    {
        var target = Gen.Frequency((2, Gen.Constant(0)), (5, Gen.Choose(1, high + 2)));
        var pick = Gen.Choose(0, 99);
        return Gen.Frequency(
            (30, Gen.Constant(new PoolOp(PoolOpKind.Alloc))),
            (5, Gen.Constant(new PoolOp(PoolOpKind.AllocInIrq))),
            (8, target.Select(t => new PoolOp(PoolOpKind.Fill, t))),
            (3, Gen.Constant(new PoolOp(PoolOpKind.Empty))),
            (15, Gen.Constant(new PoolOp(PoolOpKind.RunWork))),
            (15, pick.Select(k => new PoolOp(PoolOpKind.FreeHeld, k))),
            (4, Gen.Choose(0, 2).Select(c => new PoolOp(PoolOpKind.Cpu, c))),
            (2, Gen.Constant(new PoolOp(PoolOpKind.IrqOff))),
            (3, Gen.Constant(new PoolOp(PoolOpKind.IrqOn))),
            (2, pick.Select(k => new PoolOp(PoolOpKind.InvalidParameters, k))));
    }
}
