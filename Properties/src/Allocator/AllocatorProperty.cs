using Conformance.Catalog;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Properties;

/// <summary>
/// The allocator property: sequences of allocations (small, aligned, too large, big, zero-size, bad),
/// frees (good, double, interior, foreign, NULL) and CPU / interrupt changes over a small reserve, so
/// holes, exhaustion and the big path all occur. Two cases in five have a reserve of several bitmap words
/// (the last one partial) and sizes that cross from one word into the next or cover whole words.
/// </summary>
internal sealed class AllocatorProperty : MechanismProperty<AllocatorScenario>
{
    public static readonly AllocatorProperty Instance = new();

    public override Mechanism Mechanism => Mechanism.Allocator;

    public override int DefaultMaxTest => 300;

    public override Gen<AllocatorScenario> Generator =>
        from cpus in Gen.Choose(1, 3)
        from reserve in Gen.Frequency((3, Gen.Elements(64, 128, 256)), (2, Gen.Elements(392, 520, 1032)))
        from big in Gen.Elements(0, 64, 256)
        from ops in Gen.Sized(size => Op(reserve).ArrayOf(Math.Max(size, 4)))
        select new AllocatorScenario(cpus, reserve, big, [.. ops]);

    public override IEnumerable<AllocatorScenario> Shrink(AllocatorScenario scenario) =>
        Shrinking.Sequence(scenario.Ops, op => op.Simpler()).Select(ops => scenario with { Ops = ops });

    public override CaseOutcome Run(AllocatorScenario scenario, Type implementation, ConformanceLevel level) =>
        AllocatorHarness.Run(scenario, implementation, level);

    public override IReadOnlyList<EventMinimum> Minimums(ConformanceLevel level) =>
    [
        new(AllocatorEvents.AllocFailed, 20, "exhaustion: NULL only when nothing fits"),
        new(AllocatorEvents.HoleReused, 30, "freed holes and alignment holes are filled"),
        new(AllocatorEvents.FreeBelowFirstFree, 20, "the first_free rule on free"),
        new(AllocatorEvents.AlignedAlloc, 30, "alignment in units"),
        new(AllocatorEvents.WordCrossing, 15, "the bitmap's word arithmetic"),
        new(AllocatorEvents.BigAlloc, 15, "the big path"),
        new(AllocatorEvents.InvalidFreeRejected, 25, "bad frees rejected with nothing changed"),
        new(AllocatorEvents.BadAlignRejected, 5, "bad alignment rejected"),
        new(AllocatorEvents.NegativeSizeRejected, 5, "negative size rejected"),
    ];

    public override string Describe(AllocatorScenario scenario) => ScenarioText.Describe(scenario, scenario.Ops);

    private static Gen<AllocatorOp> Op(int reserve)
    {
        // A reserve of several words also draws sizes of up to 80 units, so runs cross words and fill them.
        var smallSize = reserve <= 256
            ? Gen.Frequency((6, Gen.Choose(1, 16)), (3, Gen.Choose(17, 64)), (1, Gen.Choose(65, reserve + 16)))
            : Gen.Frequency((5, Gen.Choose(1, 16)), (2, Gen.Choose(17, 64)), (3, Gen.Choose(65, 320)), (1, Gen.Choose(321, reserve + 16)));
        var align = Gen.Frequency(
            (6, Gen.Elements(1, 2, 4)),
            (4, Gen.Elements(8, 16, 32)),
            (1, Gen.Elements(64, 4096)));
        var alloc = from size in smallSize from a in align select new AllocatorOp(AllocatorOpKind.Alloc, size, a);
        var zero = from a in align select new AllocatorOp(AllocatorOpKind.Alloc, 0, a);
        var big = from size in Gen.Choose(1, 200) from a in Gen.Elements(4, 8, 64) select new AllocatorOp(AllocatorOpKind.AllocBig, size, a);
        var negative = from size in Gen.Choose(-64, -1) select new AllocatorOp(AllocatorOpKind.Alloc, size, 4);
        var badAlign = from size in Gen.Choose(1, 16) from a in Gen.Elements(0, 3, 6, 12, -8, 8192) select new AllocatorOp(AllocatorOpKind.Alloc, size, a);
        var pick = Gen.Choose(0, 99);
        return Gen.Frequency(
            (30, alloc),
            (2, zero),
            (5, big),
            (26, pick.Select(k => new AllocatorOp(AllocatorOpKind.Free, k))),
            (2, negative),
            (2, badAlign),
            (2, pick.Select(k => new AllocatorOp(AllocatorOpKind.FreeStale, k))),
            (2, from k in pick from d in Gen.Choose(0, 63) select new AllocatorOp(AllocatorOpKind.FreeInterior, k, d)),
            (1, pick.Select(k => new AllocatorOp(AllocatorOpKind.FreeForeign, k))),
            (1, Gen.Elements(new AllocatorOp(AllocatorOpKind.FreeNull), new AllocatorOp(AllocatorOpKind.FreeZeroSize))),
            (4, Gen.Choose(0, 2).Select(c => new AllocatorOp(AllocatorOpKind.Cpu, c))),
            (2, Gen.Elements(new AllocatorOp(AllocatorOpKind.IrqOff), new AllocatorOp(AllocatorOpKind.IrqOn))));
    }
}
