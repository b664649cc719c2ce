using System.Globalization;
using Conformance.Backends.Sequential;
using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Models;
using Conformance.Smp;

namespace Conformance.Properties;

/// <summary>
/// Runs one pool scenario on an implementation (sequential backend, filling from the reference
/// allocator through a recording wrapper) and on <see cref="PoolModel"/>. After every step: Count equals
/// the elements, allocated = in pool + held + freed (the wrapper's live set is exactly the pool's
/// elements and the held ones), no element handed out twice, the owner pattern intact until the free,
/// the pool never above the largest fill target asked; an empty pool's alloc returns NULL and
/// schedules the refill. At the strict level the seed's exact elements, <c>inhibit_fill</c> and
/// refill trigger. The contract's clauses are judged with <see cref="PoolClauseChecks"/> in a
/// <see cref="RuleBook"/> of the rules the implementation is held to, and a broken one is reported
/// under its clause id.
/// </summary>
internal sealed class PoolHarness
{
    private const IpiVector HarnessVector = (IpiVector)7;

    private static readonly PoolParameters[] Invalid =
    [
        new(0, 8, 1, 2),
        new(-8, 8, 1, 2),
        new(8, 3, 1, 2),
        new(8, 0, 1, 2),
        new(8, 8, -1, 2),
        new(8, 8, 3, 2),
    ];

    private readonly PoolScenario scenario;
    private readonly ConformanceLevel level;
    private readonly CaseRecorder recorder = new();
    private readonly SequentialPlatform platform;
    private readonly PerCpuArea area;
    private readonly List<PerCpuPtr> held = [];
    private readonly bool[] irqsOff;
    private readonly PoolShape shape;
    private readonly RuleBook rules;
    private RecordingAllocator? allocator;
    private IPercpuPool? pool;
    private PoolModel model;
    private PerCpuPtr irqResult;
    private int largestTarget;
    private int cpu;
    private bool allocSinceEmpty;

    private PoolHarness(PoolScenario scenario, ConformanceLevel level, SequentialPlatform platform, RuleSet rules)
    {
        this.scenario = scenario;
        this.level = level;
        this.rules = new RuleBook(rules);
        this.platform = platform;
        area = new PerCpuArea(platform, scenario.ReserveBytes);
        var p = scenario.Parameters;
        shape = new PoolShape(p.ElementSize, p.ElementAlign, p.Low, p.High);
        model = PoolModel.Create(shape, AllocatorModel.Create(scenario.ReserveBytes));
        irqsOff = new bool[scenario.CpuCount];
    }

    private IPercpuPool Pool => pool!;

    private RecordingAllocator Allocator => allocator!;

    /// <summary>The A-th invalid parameter set the generator asks for.</summary>
    public static PoolParameters InvalidParameters(int which) => Invalid[(which % Invalid.Length + Invalid.Length) % Invalid.Length];

    /// <summary>Runs one case, judging the clauses by the rules the implementation claims (the kernel's unless it says otherwise).</summary>
    public static CaseOutcome Run(PoolScenario scenario, Type type, ConformanceLevel level) =>
        Run(scenario, type, level, ImplementationCatalog.Describe(type).Rules);

    public static CaseOutcome Run(PoolScenario scenario, Type type, ConformanceLevel level, RuleSet rules)
    {
        using var platform = new SequentialPlatform(scenario.CpuCount, 1, Limits.StepBound);
        var harness = new PoolHarness(scenario, level, platform, rules);
        return harness.recorder.Outcome(harness.RunAll(type));
    }

    private StepViolation? RunAll(Type type) =>
        StepRunner.Run(
            $"new {type.Name}(platform, allocator, parameters) to succeed",
            () =>
            {
                var reference = ImplementationCatalog.Find(Mechanism.Allocator, "reference").Type;
                allocator = new RecordingAllocator(platform.On(0, () => ImplementationFactory.CreateAllocator(reference, platform, area)));
                pool = platform.On(0, () => ImplementationFactory.CreatePool(type, platform, Allocator, scenario.Parameters));
                platform.RegisterIpiHandler(HarnessVector, () => irqResult = Pool.Alloc());
            },
            scenario.Ops,
            op =>
            {
                Step(op);
                CheckInvariants();
            },
            () => model.Describe);

    private void Step(PoolOp op)
    {
        recorder.Operation(op.Kind.ToString());
        switch (op.Kind)
        {
            case PoolOpKind.Cpu:
                cpu = op.A % scenario.CpuCount;
                break;
            case PoolOpKind.IrqOff:
                platform.On(cpu, platform.LocalIrqDisable);
                irqsOff[cpu] = true;
                break;
            case PoolOpKind.IrqOn:
                platform.On(cpu, platform.LocalIrqEnable);
                irqsOff[cpu] = false;
                break;
            case PoolOpKind.Alloc:
                recorder.Event(irqsOff[cpu], PoolEvents.AllocWithIrqsOff);
                Alloc(() => platform.On(cpu, Pool.Alloc));
                break;
            case PoolOpKind.AllocInIrq:
                if (!irqsOff[cpu])
                {
                    recorder.Event(PoolEvents.AllocInIrq);
                    Alloc(() =>
                    {
                        irqResult = PerCpuPtr.Null;
                        platform.On(cpu, () => platform.SendIpi(cpu, HarnessVector));
                        Expect(platform.DeliverIpi(cpu), "the harness's interrupt is taken", "delivered", "not delivered");
                        return irqResult;
                    });
                }
                break;
            case PoolOpKind.Fill:
                if (!irqsOff[cpu])
                {
                    Fill(op.A);
                }
                break;
            case PoolOpKind.Empty:
                if (!irqsOff[cpu])
                {
                    Empty();
                }
                break;
            case PoolOpKind.RunWork:
                RunWork();
                break;
            case PoolOpKind.FreeHeld:
                if (held.Count > 0)
                {
                    FreeHeld(held[op.A % held.Count]);
                }
                break;
            case PoolOpKind.InvalidParameters:
                InvalidInit(InvalidParameters(op.A));
                break;
        }
    }

    private void Alloc(Func<PerCpuPtr> alloc)
    {
        var before = Pool.Elements();
        var pendingBefore = platform.PendingWorkCount > 0;
        var inhibitBefore = Pool.InhibitFill;
        var ptr = alloc();
        var after = Pool.Elements();
        allocSinceEmpty = true;
        CheckNrBound();
        if (!ptr.IsNull)
        {
            CheckHandOut(ptr, after);
        }
        Judge(ContractClauses.RefillLiveness, PoolClauseChecks.RefillScheduled(Pool.Count, platform.PendingWorkCount > 0),
            "an alloc that leaves the pool empty schedules the refill");
        if (before.Count > 0)
        {
            Expect(!ptr.IsNull && before.Contains(ptr), "a pool that holds elements hands one of them out",
                $"one of {List(before)}", ptr.ToString());
            Expect(SameSet(after, before.Where(e => e != ptr)), "alloc takes exactly the element it returns",
                $"the pool to hold {List(before.Where(e => e != ptr))}", $"it holds {List(after)}");
        }
        else
        {
            Expect(ptr.IsNull, "an empty pool returns NULL", "NULL", ptr.ToString());
        }
        var (predicted, element, _) = model.Alloc();
        if (level == ConformanceLevel.Strict)
        {
            Expect(element == (ptr.IsNull ? null : ptr.Offset), "alloc pops the head", Offset(element), Offset(ptr));
            Expect(predicted.RefillPending == platform.PendingWorkCount > 0, "the seed's refill trigger (empty, or below low and not inhibited)",
                $"refill pending {predicted.RefillPending}", $"refill pending {platform.PendingWorkCount > 0}");
            Expect(predicted.InhibitFill == Pool.InhibitFill, "alloc clears inhibit_fill exactly when it schedules",
                $"inhibit_fill {predicted.InhibitFill}", $"inhibit_fill {Pool.InhibitFill}");
        }
        recorder.Event(!pendingBefore && platform.PendingWorkCount > 0, PoolEvents.RefillScheduled);
        recorder.Event(inhibitBefore && !Pool.InhibitFill, PoolEvents.InhibitCleared);
        recorder.Event(ptr.IsNull ? PoolEvents.AllocEmpty : PoolEvents.AllocHit);
        recorder.Event(!ptr.IsNull && after.Count == shape.Low && !inhibitBefore, PoolEvents.AllocLeavesLow);
        recorder.Event(!ptr.IsNull && after.Count > 0 && after.Count < shape.Low && inhibitBefore, PoolEvents.AllocBelowLowInhibited);
        if (!ptr.IsNull)
        {
            held.Add(ptr);
            WritePattern(ptr);
        }
        model = Sync(predicted);
    }

    private void Fill(int target)
    {
        var before = Pool.Elements();
        var failures = Allocator.Failures;
        var allocations = Allocator.Allocations;
        platform.On(cpu, () => Pool.Fill(target));
        var after = Pool.Elements();
        var effective = target == 0 ? shape.High : target;
        largestTarget = Math.Max(largestTarget, effective);
        CheckNrBound();
        CheckConservation();
        var ranOut = Allocator.Failures > failures;
        CheckGrowth(before, after, allocations, Math.Max(effective, before.Count), ranOut, $"fill({target})");
        var (predicted, _, failed) = model.Fill(target);
        if (level == ConformanceLevel.Strict)
        {
            Expect(predicted.InhibitFill == Pool.InhibitFill, "fill sets inhibit_fill = target < low",
                $"inhibit_fill {predicted.InhibitFill}", $"inhibit_fill {Pool.InhibitFill}");
            Expect(failed == ranOut, "fill stops at the first failed allocation", failed ? "the allocator to run out" : "no failed allocation",
                ranOut ? "an allocation failed" : "none failed");
        }
        recorder.Event(Pool.InhibitFill, PoolEvents.InhibitSet);
        recorder.Event(ranOut, PoolEvents.FillExhausted);
        model = Sync(predicted);
    }

    private void Empty()
    {
        var before = Pool.Elements();
        recorder.Event(platform.PendingWorkCount > 0, PoolEvents.EmptyCancelsRefill);
        platform.On(cpu, Pool.Empty);
        allocSinceEmpty = false;
        var liveNotHeld = Allocator.Live.Keys.Count(p => !held.Contains(p));
        Judge(ContractClauses.EmptyPost,
            PoolClauseChecks.EmptyPost(platform.PendingWorkCount, platform.RunningWorkCount, Pool.Count, Pool.Elements, liveNotHeld),
            $"no refill pending or running, nr 0, nothing on the chain, every element of {List(before)} freed");
        model = Sync(model.Empty());
    }

    private void RunWork()
    {
        var before = Pool.Elements();
        var pending = platform.PendingWorkCount > 0;
        var failures = Allocator.Failures;
        var allocations = Allocator.Allocations;
        var ran = platform.RunWork();
        Expect(ran == pending, "queued work runs", pending ? "the refill to run" : "nothing to run", ran ? "work ran" : "nothing ran");
        if (!ran)
        {
            return;
        }
        recorder.Event(PoolEvents.RefillRan);
        largestTarget = Math.Max(largestTarget, shape.High);
        var after = Pool.Elements();
        var ranOut = Allocator.Failures > failures;
        recorder.Event(ranOut, PoolEvents.FillExhausted);
        CheckNrBound();
        CheckConservation();
        Judge(ContractClauses.RefillLiveness, PoolClauseChecks.RefillLiveness(after.Count, shape.High, allocSinceEmpty, ranOut),
            "the refill fills the pool an alloc left empty");
        if (level == ConformanceLevel.Strict)
        {
            CheckGrowth(before, after, allocations, Math.Max(shape.High, before.Count), ranOut, "the refill");
        }
        else
        {
            // Contract: the refill never takes elements away, and refills an empty pool if it can.
            Expect(before.All(after.Contains), "the refill keeps what the pool holds", List(before), List(after));
        }
        model = Sync(model.RunRefill().Next);
    }

    private void FreeHeld(PerCpuPtr ptr)
    {
        Judge(ContractClauses.OwnerPattern, PoolClauseChecks.OwnerPattern(area, ptr, shape.ElementSize, c => Pattern(ptr, c), "its holder"),
            "the holder's bytes intact until it frees them");
        platform.On(cpu, () => Allocator.Free(ptr));
        held.Remove(ptr);
        recorder.Event(PoolEvents.FreeHeld);
        model = Sync(model.Held.Contains(ptr.Offset) ? model.FreeHeld(ptr.Offset) : model);
    }

    private void InvalidInit(PoolParameters parameters)
    {
        var bytes = Allocator.BytesInUse;
        var pending = platform.PendingWorkCount;
        Exception? error = null;
        try
        {
            platform.On(cpu, () => ImplementationFactory.CreatePool(Pool.GetType(), platform, Allocator, parameters));
        }
        catch (Exception e) when (e is not StepViolation)
        {
            error = e;
        }
        var argument = error as ArgumentException ?? error?.InnerException as ArgumentException;
        Expect(argument is not null, "invalid pool parameters are rejected", $"ArgumentException for {parameters}", StepRunner.Threw(error));
        Expect(Allocator.BytesInUse == bytes && platform.PendingWorkCount == pending, "a rejected init changes nothing",
            $"{bytes} bytes in use, {pending} work pending", $"{Allocator.BytesInUse} bytes in use, {platform.PendingWorkCount} work pending");
        recorder.Event(PoolEvents.InvalidParametersRejected);
    }

    // A fill (or the refill) adds only fresh elements, keeps the old ones, and reaches its target unless the allocator ran out.
    private void CheckGrowth(IReadOnlyList<PerCpuPtr> before, IReadOnlyList<PerCpuPtr> after, int allocationsBefore, int expected, bool ranOut, string what)
    {
        Expect(before.All(after.Contains), $"{what} keeps what the pool holds", $"{List(before)} still in the pool", $"the pool holds {List(after)}");
        var added = after.Count - before.Count;
        Expect(added == Allocator.Allocations - allocationsBefore, $"{what} puts every element it allocates in the pool",
            $"{Allocator.Allocations - allocationsBefore} new element(s)", $"{added}");
        Expect(ranOut ? after.Count <= expected : after.Count == expected, $"{what} fills to its target unless the allocator runs out",
            $"{expected} element(s){(ranOut ? " at most" : "")}", $"{after.Count}");
    }

    private void CheckInvariants()
    {
        CheckConservation();
        var elements = Pool.Elements();
        var units = Allocator.Live.Values.Sum(size => (long)AllocatorModel.SizeToUnits(size) * AllocatorModel.UnitSize);
        Expect(Allocator.BytesInUse == units, "the allocator's count matches its live allocations", $"{units}", $"{Allocator.BytesInUse}");
        CheckNrBound();
        if (level == ConformanceLevel.Strict)
        {
            Expect(elements.Select(e => e.Offset).SequenceEqual(model.InPool), "the seed's chain (new elements in front, head first)",
                string.Join(", ", model.InPool.Select(o => $"0x{o:x}")), string.Join(", ", elements.Select(e => $"0x{e.Offset:x}")));
            Expect(Pool.InhibitFill == model.InhibitFill, "inhibit_fill as the seed", $"{model.InhibitFill}", $"{Pool.InhibitFill}");
            Expect(platform.PendingWorkCount > 0 == model.RefillPending, "refill pending exactly when the seed schedules it",
                $"{model.RefillPending}", $"{platform.PendingWorkCount > 0}");
        }
    }

    // Strict: the model's own prediction goes on. Contract: the model takes what was observed.
    private PoolModel Sync(PoolModel predicted)
    {
        if (level == ConformanceLevel.Strict)
        {
            return predicted;
        }
        var backing = AllocatorModel.Create(scenario.ReserveBytes);
        foreach (var (ptr, size) in Allocator.Live.OrderBy(p => p.Key.Offset))
        {
            backing = backing.Allocated(ptr.Offset, size, shape.AllocAlign, false, ptr.ToRaw());
        }
        return predicted with
        {
            InPool = [.. Pool.Elements().Select(e => e.Offset)],
            InhibitFill = Pool.InhibitFill,
            RefillPending = platform.PendingWorkCount > 0,
            Held = [.. held.Select(e => e.Offset)],
            Freed = Allocator.Frees,
            AllocatedEver = Allocator.Allocations,
            LargestTarget = largestTarget,
            Backing = backing,
        };
    }

    // The hand-out clauses, before the holder writes its pattern: one holder, a live allocation of the
    // pool's allocator, taken off the pool, then its content.
    private void CheckHandOut(PerCpuPtr ptr, IReadOnlyList<PerCpuPtr> after)
    {
        Judge(ContractClauses.DoubleHandOut, PoolClauseChecks.DoubleHandOut(ptr, $"CPU{cpu}", held.Contains(ptr) ? "a holder" : null),
            "an element nobody holds");
        Judge(ContractClauses.DoubleHandOut, PoolClauseChecks.DoubleHandOut(ptr, $"CPU{cpu}", after.Contains(ptr) ? "the pool" : null),
            "the element taken off the pool");
        var live = Allocator.Live.TryGetValue(ptr, out var size);
        Judge(ContractClauses.FreedHandOut, PoolClauseChecks.FreedHandOut(area, ptr, $"CPU{cpu}", live, Allocator.Ever.Contains(ptr)),
            "a live allocation of the pool's allocator");
        Judge(ContractClauses.HandOutContent, PoolClauseChecks.HandOutContent(area, ptr, scenario.Parameters, size),
            "aligned, at least the element size, zero on every CPU");
    }

    private void CheckConservation()
    {
        var elements = Pool.Elements();
        Judge(ContractClauses.Conservation,
            PoolClauseChecks.Conservation(Pool.Count, elements, Allocator.Allocations, held.Count, Allocator.Frees, Allocator.Live.ContainsKey, held.Contains),
            "nr counts the chain of distinct live elements none held, allocated = in pool + held + freed");
        var owned = elements.Concat(held).ToHashSet();
        var live = Allocator.Live.Keys.ToHashSet();
        Judge(ContractClauses.Conservation, owned.SetEquals(live) ? null : $"in pool + held {List(owned)}",
            $"the live allocations {List(live)} (nothing lost, nothing invented)");
    }

    // nr-bound: the seed's reading tolerates an overshoot, which only overlapping fills make.
    private void CheckNrBound()
    {
        var fault = PoolClauseChecks.NrBound(Pool.Count, scenario.Parameters, largestTarget);
        if (fault is not null && rules.Judge(ContractClauses.NrBound, false, true, fault) == ClauseVerdict.Broken)
        {
            throw new StepViolation(ContractClauses.NrBound.Id, $"at most max(high, largest fill target) = {PoolClauseChecks.NrBound(scenario.Parameters, largestTarget)}", fault);
        }
    }

    private void Judge(Clause clause, string? fault, string expected)
    {
        if (fault is not null && rules.Judge(clause, holds: false, fault) == ClauseVerdict.Broken)
        {
            throw new StepViolation(clause.Id, expected, fault);
        }
    }

    private void WritePattern(PerCpuPtr ptr) =>
        platform.On(cpu, () =>
        {
            for (var c = 0; c < scenario.CpuCount; c++)
            {
                area.Fill(ptr, c, 0, shape.ElementSize, Pattern(ptr, c));
            }
        });

    private static byte Pattern(PerCpuPtr ptr, int cpu) => (byte)(1 + ((ptr.Tag * 37) + (cpu * 101)) % 251);

    private static bool SameSet(IEnumerable<PerCpuPtr> a, IEnumerable<PerCpuPtr> b) => a.ToHashSet().SetEquals(b);

    private static string List(IEnumerable<PerCpuPtr> ptrs) => "[" + string.Join(", ", ptrs) + "]";

    private static string Offset(int? offset) => offset is int o ? string.Create(CultureInfo.InvariantCulture, $"0x{o:x}") : "NULL";

    private static string Offset(PerCpuPtr ptr) => ptr.IsNull ? "NULL" : Offset(ptr.Offset);


    private static void Expect(bool condition, string check, string expected, string actual)
    {
        if (!condition)
        {
            throw new StepViolation(check, expected, actual);
        }
    }
}
