using Conformance.Backends.Sequential;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Models;

namespace Conformance.Properties;

/// <summary>
/// Runs one allocator scenario on an implementation (sequential backend) and on
/// <see cref="AllocatorModel"/> side by side, checking after every step: results against the model, no
/// overlap, alignment, inside the reserve, zeroed on every CPU, the owner pattern intact until the free,
/// the documented error with nothing changed for bad input, BytesInUse and the shadow map. At the
/// strict level every placement must be the seed's first fit.
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
        var expectedError = AllocatorModel.CheckRequest(size, align);
        recorder.Event(irqsOff[cpu], AllocatorEvents.AllocWithIrqsOff);
        if (expectedError != AllocError.None)
        {
            var bytes = Impl.BytesInUse;
            var error = Try(() => _ = big ? Impl.AllocBig(size, align) : Impl.Alloc(size, align));
            ExpectError(error, expectedError, $"{(big ? "alloc_big" : "alloc")}({size}, {align})");
            ExpectUnchanged(bytes);
            recorder.Event(expectedError == AllocError.NegativeSize ? AllocatorEvents.NegativeSizeRejected : AllocatorEvents.BadAlignRejected);
            return;
        }
        var ptr = platform.On(cpu, () => big ? Impl.AllocBig(size, align) : Impl.Alloc(size, align));
        if (size == 0)
        {
            Expect(ptr.IsZeroSize, "size 0 gives ZERO_SIZE_PTR", "ZERO_SIZE_PTR", ptr.ToString());
            recorder.Event(AllocatorEvents.ZeroSize);
            return;
        }
        FirstFit? fit = big ? null : model.FindFirstFit(size, align);
        int? predicted = big ? BigFirstFit(size, align) : fit!.Value.Offset;
        if (ptr.IsNull)
        {
            recorder.Event(big ? AllocatorEvents.BigAllocFailed : AllocatorEvents.AllocFailed);
            Expect(!model.CanFit(size, align, big), "NULL only when nothing fits",
                "an allocation (a free aligned run of units exists)", "NULL");
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
        Expect(!ptr.IsZeroSize, "a non-empty allocation is a real pointer", "a pointer", "ZERO_SIZE_PTR");
        Expect(model.FindByHandle(ptr.ToRaw()) is null, "a fresh pointer", "a pointer no live allocation has", $"{ptr}, which is live");
        var placement = model.CheckPlacement(ptr.Offset, size, align, big);
        Expect(placement is null, "aligned, inside its region, overlapping nothing live", $"a free aligned place for {size} bytes", placement ?? "");
        if (level == ConformanceLevel.Strict)
        {
            Expect(predicted == ptr.Offset, big ? "big region first fit" : "cpu_alloc first fit (first_free rule)",
                $"0x{predicted:x}", $"0x{ptr.Offset:x}");
        }
        for (var c = 0; c < scenario.CpuCount; c++)
        {
            var bytes = area.Snapshot(ptr, c, size);
            var dirty = Array.FindIndex(bytes, b => b != 0);
            Expect(dirty < 0, "zeroed on every CPU", $"{size} zero bytes on CPU{c}", $"byte {dirty} is 0x{(dirty < 0 ? 0 : bytes[dirty]):x2}");
        }
        recorder.Event(big ? AllocatorEvents.BigAlloc : AllocatorEvents.Alloc);
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
        platform.On(cpu, () => Impl.Free(ptr));
        for (var i = freeing.Offset; i < freeing.End; i++)
        {
            Expect(area.OwnerOf(i) == 0, "a free clears the shadow", $"byte 0x{i:x} free", $"still owned by #{area.OwnerOf(i)}");
        }
        model = model.Freed(freeing);
        live.Remove(ptr);
        freed.Add(ptr);
        recorder.Event(AllocatorEvents.Free);
    }

    private void ExpectNoOp(PerCpuPtr ptr)
    {
        var bytes = Impl.BytesInUse;
        var error = Try(() => Impl.Free(ptr));
        Expect(error is null, $"free({ptr}) is a no-op", "no error", StepRunner.Threw(error));
        ExpectUnchanged(bytes);
        recorder.Event(AllocatorEvents.FreeNullOrZero);
    }

    private void ExpectInvalidFree(PerCpuPtr ptr, string what)
    {
        var bytes = Impl.BytesInUse;
        var error = Try(() => Impl.Free(ptr));
        ExpectError(error, AllocError.InvalidFree, $"free({ptr}) [{what}]");
        ExpectUnchanged(bytes);
        recorder.Event(AllocatorEvents.InvalidFreeRejected);
    }

    private void ExpectError(Exception? error, AllocError expected, string call)
    {
        var ok = expected switch
        {
            AllocError.NegativeSize => error is ArgumentOutOfRangeException,
            AllocError.BadAlign => error is ArgumentException and not InvalidFreeException,
            AllocError.InvalidFree => error is InvalidFreeException,
            _ => error is null,
        };
        var wanted = expected switch
        {
            AllocError.NegativeSize => nameof(ArgumentOutOfRangeException),
            AllocError.BadAlign => nameof(ArgumentException),
            AllocError.InvalidFree => nameof(InvalidFreeException),
            _ => "no error",
        };
        Expect(ok, "the documented error", $"{call} throws {wanted}", error is null ? $"{call} returned normally" : $"{call} {StepRunner.Threw(error)}");
    }

    // Bad input leaves everything as it was: the byte count, and every live area's owner and pattern.
    private void ExpectUnchanged(long bytesBefore)
    {
        Expect(Impl.BytesInUse == bytesBefore, "bad input changes nothing", $"BytesInUse {bytesBefore}", $"BytesInUse {Impl.BytesInUse}");
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
            var owner = area.OwnerOf(a.Offset);
            Expect(owner == PerCpuPtr.FromRaw(a.Handle).Tag, "the shadow marks every live allocation", $"0x{a.Offset:x} owned by #{PerCpuPtr.FromRaw(a.Handle).Tag}", owner == 0 ? "it is free" : $"it is owned by #{owner}");
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
            var bad = Array.FindIndex(bytes, b => b != Pattern(ptr, c));
            Expect(bad < 0, "the owner's bytes stay intact until it frees them",
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


    private static void Expect(bool condition, string check, string expected, string actual)
    {
        if (!condition)
        {
            throw new StepViolation(check, expected, actual);
        }
    }
}
