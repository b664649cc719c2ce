using Conformance.Backends.Sequential;
using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Models;

namespace Conformance.Properties;

/// <summary>
/// Runs one allocator scenario on an implementation (sequential backend) and on
/// <see cref="AllocatorModel"/> side by side, judging after every step each allocator clause with the
/// predicates of <see cref="AllocatorClauses"/> (a failure is named by the clause's id): overlap (with
/// the owner pattern intact until the free), placement, zeroed on every CPU, NULL only when no aligned
/// run is free, zero-size, bad input refused with nothing changed, and the shadow map; besides, the
/// BytesInUse count. At the strict level every placement must be the seed's first fit.
/// </summary>
internal sealed class AllocatorHarness
{
    // Tags the harness makes up for foreign pointers: far above any tag an area hands out in a case.
    private const int ForeignTagBase = 1 << 24;

    private readonly AllocatorScenario scenario;
    private readonly ConformanceLevel level;
    private readonly CaseRecorder recorder = new();
    private readonly SequentialPlatform platform;
    private readonly PerCpuArea area;
    private readonly List<PerCpuPtr> live = [];
    private readonly List<PerCpuPtr> freed = [];
    private readonly bool[] irqsOff;
    // The allocator's clauses read alike under both rule sets.
    private readonly RuleBook rules = RuleBook.Kernel;
    private readonly HashSet<int> freedTags = [];
    private IPerCpuAllocator? implementation;
    private AllocatorModel model;
    private int cpu;
    private int foreignTags;

    private AllocatorHarness(AllocatorScenario scenario, ConformanceLevel level, SequentialPlatform platform)
    {
        this.scenario = scenario;
        this.level = level;
        this.platform = platform;
        area = new PerCpuArea(platform, scenario.ReserveBytes, scenario.BigBytes);
        model = AllocatorModel.Create(scenario.ReserveBytes, scenario.BigBytes);
        irqsOff = new bool[scenario.CpuCount];
    }

    private IPerCpuAllocator Impl => implementation!;

    public static CaseOutcome Run(AllocatorScenario scenario, Type type, ConformanceLevel level)
    {
        using var platform = new SequentialPlatform(scenario.CpuCount, 1, Limits.StepBound);
        var harness = new AllocatorHarness(scenario, level, platform);
        return harness.recorder.Outcome(harness.RunAll(type));
    }

    private StepViolation? RunAll(Type type) =>
        StepRunner.Run(
            $"new {type.Name}(platform, area) to succeed",
            () => implementation = platform.On(0, () => ImplementationFactory.CreateAllocator(type, platform, area)),
            scenario.Ops,
            op =>
            {
                Step(op);
                CheckInvariants();
            },
            () => model.Describe);

    private void Step(AllocatorOp op)
    {
        recorder.Operation(op.Kind.ToString());
        switch (op.Kind)
        {
            case AllocatorOpKind.Cpu:
                cpu = op.A % scenario.CpuCount;
                break;
            case AllocatorOpKind.IrqOff:
                platform.On(cpu, platform.LocalIrqDisable);
                irqsOff[cpu] = true;
                break;
            case AllocatorOpKind.IrqOn:
                platform.On(cpu, platform.LocalIrqEnable);
                irqsOff[cpu] = false;
                break;
            case AllocatorOpKind.Alloc:
            case AllocatorOpKind.AllocBig:
                Alloc(op.A, op.B, op.Kind == AllocatorOpKind.AllocBig);
                break;
            case AllocatorOpKind.Free:
                if (live.Count > 0)
                {
                    Free(live[op.A % live.Count]);
                }
                break;
            case AllocatorOpKind.FreeNull:
                ExpectNoOp(PerCpuPtr.Null);
                break;
            case AllocatorOpKind.FreeZeroSize:
                ExpectNoOp(PerCpuPtr.ZeroSize);
                break;
            case AllocatorOpKind.FreeStale:
                if (freed.Count > 0)
                {
                    var stale = freed[op.A % freed.Count];
                    var reused = model.Live.ContainsKey(stale.Offset);
                    ExpectInvalidFree(stale, reused ? "double free of re-used units" : "double free");
                    recorder.Event(reused, AllocatorEvents.StaleFreeOfReusedUnits);
                }
                break;
            case AllocatorOpKind.FreeInterior:
                if (live.Count > 0)
                {
                    var target = live[op.A % live.Count];
                    var size = model.FindByHandle(target.ToRaw())!.Size;
                    ExpectInvalidFree(target.Plus(1 + (op.B % Math.Max(size, 1))), "interior pointer");
                }
                break;
            case AllocatorOpKind.FreeForeign:
                {
                    var offset = live.Count > 0 ? live[op.A % live.Count].Offset : op.A * AllocatorModel.UnitSize;
                    ExpectInvalidFree(new PerCpuPtr(offset, ForeignTagBase + ++foreignTags), "foreign pointer");
                    break;
                }
        }
    }

    private void Alloc(int size, int align, bool big)
    {
        var required = AllocatorClauses.RequiredRefusal(size, align);
        recorder.Event(irqsOff[cpu], AllocatorEvents.AllocWithIrqsOff);
        if (required is not null)
        {
            var bytes = Impl.BytesInUse;
            var error = Try(() => _ = big ? Impl.AllocBig(size, align) : Impl.Alloc(size, align));
            var call = $"{(big ? "alloc_big" : "alloc")}({size}, {align})";
            Judge(ContractClauses.BadInput, AllocatorClauses.RefusedAsRequired(required, error),
                $"{call} throws {required.Name}", error is null ? $"{call} returned normally" : $"{call} {StepRunner.Threw(error)}");
            ExpectUnchanged(bytes);
            recorder.Event(required == typeof(ArgumentOutOfRangeException) ? AllocatorEvents.NegativeSizeRejected : AllocatorEvents.BadAlignRejected);
            return;
        }
        var ptr = Marking(() => big ? Impl.AllocBig(size, align) : Impl.Alloc(size, align));
        Judge(ContractClauses.ZeroSize, AllocatorClauses.ZeroSizeHolds(size, ptr),
            size == 0 ? "ZERO_SIZE_PTR for size 0" : "NULL or a pointer for a non-empty allocation", ptr.ToString());
        if (size == 0)
        {
            recorder.Event(AllocatorEvents.ZeroSize);
            return;
        }
        FirstFit? fit = big ? null : model.FindFirstFit(size, align);
        int? predicted = big ? BigFirstFit(size, align) : fit!.Value.Offset;
        var region = AllocatorClauses.Region(scenario.ReserveBytes, scenario.BigBytes, big);
        if (ptr.IsNull)
        {
            recorder.Event(big ? AllocatorEvents.BigAllocFailed : AllocatorEvents.AllocFailed);
            var run = AllocatorClauses.FreeRun(size, align, region, model.Live.Values.Where(a => a.Big == big).Select(a => (a.Offset, a.Size)));
            Judge(ContractClauses.NullOnlyWhenFull, run is null,
                "NULL only when no free aligned run of units can hold the size", $"NULL, while 0x{run:x}+{size} is free");
            if (level == ConformanceLevel.Strict)
            {
                Expect(predicted is null, "first fit", $"0x{predicted:x}", "NULL");
            }
            if (fit is { } failedFit)
            {
                model = model.WithFirstFree(failedFit.FirstFreeAfter);
            }
            return;
        }
        Judge(ContractClauses.Overlap, model.FindByHandle(ptr.ToRaw()) is null, "a pointer no live allocation has", $"{ptr}, which is live");
        var placement = AllocatorClauses.Placement(ptr.Offset, size, align, region, big);
        Judge(ContractClauses.Placement, placement is null, $"an aligned place for {size} bytes inside its region", placement ?? "");
        var clash = AllocatorClauses.FirstOverlap(ptr.Offset, size, model.Live.Values, a => (a.Offset, a.Size));
        Judge(ContractClauses.Overlap, clash is null, $"a place for {size} bytes overlapping nothing live", $"0x{ptr.Offset:x}+{size} overlaps live area {clash}");
        var unmarked = AllocatorClauses.FirstUnmarked(area, ptr, size);
        Judge(ContractClauses.Shadow, unmarked < 0, $"the shadow to give {ptr}'s {size} bytes to it", $"byte {unmarked} is not");
        if (level == ConformanceLevel.Strict)
        {
            Expect(predicted == ptr.Offset, big ? "big region first fit" : "cpu_alloc first fit (first_free rule)",
                $"0x{predicted:x}", $"0x{ptr.Offset:x}");
        }
        for (var c = 0; c < scenario.CpuCount; c++)
        {
            var bytes = area.Snapshot(ptr, c, size);
            var dirty = AllocatorClauses.FirstNonZero(bytes);
            Judge(ContractClauses.Zeroed, dirty < 0, $"{size} zero bytes on CPU{c}", $"byte {dirty} is 0x{(dirty < 0 ? 0 : bytes[dirty]):x2}");
        }
        recorder.Event(big ? AllocatorEvents.BigAlloc : AllocatorEvents.Alloc);
        recorder.Event(!big && ptr.Offset / AllocatorModel.UnitSize / 64 != (ptr.Offset + size - 1) / AllocatorModel.UnitSize / 64, AllocatorEvents.WordCrossing);
        recorder.Event(!big && model.Live.Values.Any(a => !a.Big && a.Offset > ptr.Offset), AllocatorEvents.HoleReused);
        recorder.Event(!big && align > AllocatorModel.UnitSize, AllocatorEvents.AlignedAlloc);
        model = model.Allocated(ptr.Offset, size, align, big, ptr.ToRaw(), fit?.FirstFreeAfter);
        live.Add(ptr);
        WritePattern(ptr, size);
    }

    private void Free(PerCpuPtr ptr)
    {
        var freeing = model.FindByHandle(ptr.ToRaw())!;
        CheckPattern(ptr, freeing.Size);
        recorder.Event(!freeing.Big && freeing.FirstUnit < model.FirstFree, AllocatorEvents.FreeBelowFirstFree);
        Marking(() => Impl.Free(ptr));
        freedTags.Add(ptr.Tag);
        var still = AllocatorClauses.FirstStillMarked(area, ptr, freeing.Size);
        Judge(ContractClauses.Shadow, still < 0, $"the shadow to give none of {ptr}'s bytes to it after the free", $"byte {still} is still its");
        model = model.Freed(freeing);
        live.Remove(ptr);
        freed.Add(ptr);
        recorder.Event(AllocatorEvents.Free);
    }

    private void ExpectNoOp(PerCpuPtr ptr)
    {
        var bytes = Impl.BytesInUse;
        var error = Try(() => Impl.Free(ptr));
        Judge(ContractClauses.ZeroSize, error is null && AllocatorClauses.IsNoOpFree(ptr), $"free({ptr}) to do nothing", StepRunner.Threw(error));
        Judge(ContractClauses.ZeroSize, Impl.BytesInUse == bytes, $"BytesInUse {bytes} after free({ptr})", $"BytesInUse {Impl.BytesInUse}");
        recorder.Event(AllocatorEvents.FreeNullOrZero);
    }

    private void ExpectInvalidFree(PerCpuPtr ptr, string what)
    {
        var bytes = Impl.BytesInUse;
        var error = Try(() => Impl.Free(ptr));
        Judge(ContractClauses.BadInput, error is InvalidFreeException,
            $"free({ptr}) [{what}] throws {nameof(InvalidFreeException)}", error is null ? $"free({ptr}) [{what}] returned normally" : $"free({ptr}) [{what}] {StepRunner.Threw(error)}");
        ExpectUnchanged(bytes);
        recorder.Event(AllocatorEvents.InvalidFreeRejected);
    }

    // Bad input leaves everything as it was: the byte count, and every live area's owner and pattern.
    private void ExpectUnchanged(long bytesBefore)
    {
        Judge(ContractClauses.BadInput, Impl.BytesInUse == bytesBefore, $"BytesInUse {bytesBefore}", $"BytesInUse {Impl.BytesInUse}");
        foreach (var ptr in live)
        {
            CheckPattern(ptr, model.FindByHandle(ptr.ToRaw())!.Size);
        }
    }

    private void CheckInvariants()
    {
        Expect(Impl.BytesInUse == model.AllBytesInUse, "BytesInUse counts whole units of live allocations",
            model.AllBytesInUse.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Impl.BytesInUse.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var a in model.Live.Values)
        {
            var ptr = PerCpuPtr.FromRaw(a.Handle);
            var unmarked = AllocatorClauses.FirstUnmarked(area, ptr, a.Size);
            var owner = unmarked < 0 ? ptr.Tag : area.OwnerOf(a.Offset + unmarked);
            Judge(ContractClauses.Shadow, unmarked < 0, $"the shadow to give every byte of live {ptr} to it", owner == 0 ? $"byte {unmarked} is free" : $"byte {unmarked} is owned by #{owner}");
        }
    }

    // Lowest aligned start in the big region whose units are free (the reference's policy).
    private int? BigFirstFit(int size, int align)
    {
        var step = AllocatorModel.EffectiveAlign(align);
        var units = AllocatorModel.SizeToUnits(size) * AllocatorModel.UnitSize;
        for (var start = (scenario.ReserveBytes + step - 1) / step * step; start + units <= scenario.ReserveBytes + scenario.BigBytes; start += step)
        {
            if (!model.Live.Values.Any(a => a.Big && a.Offset < start + units && start < a.Offset + (a.Units * AllocatorModel.UnitSize)))
            {
                return start;
            }
        }
        return null;
    }

    private void WritePattern(PerCpuPtr ptr, int size) =>
        platform.On(cpu, () =>
        {
            for (var c = 0; c < scenario.CpuCount; c++)
            {
                area.Fill(ptr, c, 0, size, Pattern(ptr, c));
            }
        });

    private void CheckPattern(PerCpuPtr ptr, int size)
    {
        for (var c = 0; c < scenario.CpuCount; c++)
        {
            var bytes = area.Snapshot(ptr, c, size);
            var bad = bytes.AsSpan().IndexOfAnyExcept(Pattern(ptr, c));
            Judge(ContractClauses.Overlap, bad < 0,
                $"{ptr} on CPU{c} to hold 0x{Pattern(ptr, c):x2} throughout", $"byte {bad} is 0x{(bad < 0 ? 0 : bytes[bad]):x2}");
        }
    }

    private static byte Pattern(PerCpuPtr ptr, int cpu) => (byte)(1 + ((ptr.Tag * 37) + (cpu * 101)) % 251);

    private Exception? Try(Action action)
    {
        try
        {
            platform.On(cpu, action);
            return null;
        }
        catch (Exception e) when (e is not StepViolation)
        {
            return e;
        }
    }


    // A clause observation: a failure names the clause, judged through the book.
    private void Judge(Clause clause, bool holds, string expected, string actual)
    {
        if (!holds && rules.Judge(clause, false, $"expected {expected}, but {actual}") == ClauseVerdict.Broken)
        {
            throw new StepViolation(clause.Id, expected, actual);
        }
    }

    // Runs an allocator call on the current CPU; a shadow report the allocator raised while marking the
    // shadow is judged as the clause it is evidence against.
    private T Marking<T>(Func<T> call)
    {
        try
        {
            return platform.On(cpu, call);
        }
        catch (ShadowViolationException e) when (AllocatorClauses.ClauseOf(e, freedTags.Contains) is { } clause)
        {
            Judge(clause, false, "the allocator to mark the shadow only for bytes it hands out or frees", e.Message);
            throw;
        }
    }

    private void Marking(Action call) => Marking(() =>
    {
        call();
        return 0;
    });

    private static void Expect(bool condition, string check, string expected, string actual)
    {
        if (!condition)
        {
            throw new StepViolation(check, expected, actual);
        }
    }
}
