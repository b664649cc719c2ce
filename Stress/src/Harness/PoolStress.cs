using System.Globalization;
using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Stress.Checking;
using Conformance.Stress.Specifications;

namespace Conformance.Stress.Harness;

/// <summary>
/// Pool stress: every CPU allocates from the pool (a third of the time with interrupts disabled),
/// frees what it holds through the allocator, and now and then makes an explicit fill (often below the
/// low watermark, which sets inhibit_fill) or an empty, while the worker runs the refill. The pool sits
/// on the reference allocator behind a recording allocator (conservation) and a history allocator (the
/// pool's own allocations and frees go into the history). Holders stamp and check owner patterns; a
/// hand-out of a held or freed element fails at once. At quiescence: the conservation oracle, and the
/// refill liveness rule below.
/// </summary>
internal sealed class PoolStress : MechanismStress
{
    /// <summary>Element 8 bytes, low 2, high 4: fills below low happen, the refill runs often.</summary>
    public static readonly PoolParameters Parameters = new(8, 8, 2, 4);

    /// <summary>Sixteen elements: the holders (up to three each) and the pool together run it out.</summary>
    public const int ReserveBytes = 128;

    public const int MaxHeld = 3;

    private readonly IPercpuPool pool;
    private readonly RecordingAllocator recording;
    private readonly HistoryAllocator poolAllocator;
    private readonly HolderLedger holders;
    private readonly HistoryRecorder<PoolCall> history;
    private readonly PoolIntent[][] streams;
    private readonly List<PerCpuPtr>[] held;
    private readonly int[] stamps;

    public PoolStress(ImplementationEntry implementation, StressOptions options)
        : base(implementation, options, drainIpis: false)
    {
        var area = new PerCpuArea(Platform, ReserveBytes);
        var allocatorType = ImplementationCatalog.Find(Mechanism.Allocator, "reference").Type;
        recording = new RecordingAllocator(ImplementationFactory.CreateAllocator(allocatorType, Platform, area));
        history = new HistoryRecorder<PoolCall>(Platform);
        poolAllocator = new HistoryAllocator(Platform, recording, history);
        pool = ImplementationFactory.CreatePool(implementation.Type, Platform, poolAllocator, Parameters);
        holders = new HolderLedger(area, recording.IsLive);
        streams = new PoolIntent[options.Cpus][];
        held = new List<PerCpuPtr>[options.Cpus];
        stamps = new int[options.Cpus];
        for (var cpu = 0; cpu < options.Cpus; cpu++)
        {
            var random = StressSeeds.Stream(options.Seed, cpu);
            streams[cpu] = new PoolIntent[OperationsPerCpu];
            for (var i = 0; i < OperationsPerCpu; i++)
            {
                streams[cpu][i] = PoolIntent.Next(ref random);
            }
            held[cpu] = [];
        }
    }

    public override void AtQuiescence()
    {
        PoolConservation.Check(pool, recording, holders);
        RefillLiveness();
    }

    public override HistoryCheck CheckHistory(CheckLimits limits) => Check(new PoolSpecification(), history, limits);

    public override IReadOnlyList<string> InFlight() => history.InFlight();

    protected override long Progress => history.Now;

    protected override void Execute(int cpu, int index)
    {
        var intent = streams[cpu][index];
        var mine = held[cpu];
        switch (intent.Kind)
        {
            case PoolIntentKind.Alloc when mine.Count < MaxHeld:
                Alloc(cpu, intent.IrqsDisabled);
                break;
            case PoolIntentKind.Alloc or PoolIntentKind.Release when mine.Count > 0:
                Release(cpu, intent.Pick % mine.Count);
                break;
            case PoolIntentKind.Alloc or PoolIntentKind.Release:
                Alloc(cpu, irqsDisabled: false);
                break;
            case PoolIntentKind.Fill:
                var filled = history.Begin(cpu, intent);
                poolAllocator.BeginFill(cpu);
                pool.Fill(intent.Target);
                history.End(cpu, PoolCall.Fill(cpu, intent.Target, poolAllocator.EndFill(cpu)), filled);
                break;
            default:
                var empty = new PoolCall(PoolCallKind.Empty, cpu, PerCpuPtr.Null);
                var emptied = history.Begin(cpu, empty);
                pool.Empty();
                history.End(cpu, empty, emptied);
                break;
        }
        Done(cpu);
    }

    protected override void Finish(int cpu)
    {
        var mine = held[cpu];
        while (mine.Count > 0)
        {
            Release(cpu, mine.Count - 1);
            Done(cpu);
        }
    }

    private void Alloc(int cpu, bool irqsDisabled)
    {
        var flags = irqsDisabled ? Platform.LocalIrqSave() : default;
        var call = history.Begin(cpu, irqsDisabled ? "percpu_pool_alloc() with irqs off" : "percpu_pool_alloc()");
        var p = pool.Alloc();
        history.End(cpu, new PoolCall(PoolCallKind.Alloc, cpu, p, IrqsDisabled: irqsDisabled), call);
        if (irqsDisabled)
        {
            Platform.LocalIrqRestore(flags);
        }
        if (p.IsNull)
        {
            return;
        }
        var pattern = (byte)(1 + (((cpu * 37) + (stamps[cpu]++ * 11)) % 255));
        holders.HandedOut(p, cpu, Parameters.ElementSize, pattern);
        held[cpu].Add(p);
    }

    private void Release(int cpu, int index)
    {
        var p = held[cpu][index];
        held[cpu].RemoveAt(index);
        holders.Releasing(p);
        var op = new PoolCall(PoolCallKind.Release, cpu, p);
        var call = history.Begin(cpu, op);
        recording.Free(p);
        history.End(cpu, op, call);
    }

    /// <summary>
    /// The contract: an alloc that finds the pool empty returns NULL and schedules the refill (an alloc
    /// that leaves it empty does too), and at quiescence the refill has run. So when some alloc was
    /// called after the last empty returned and the pool is empty at quiescence, the pool's last request
    /// to its allocator must have been refused (no room left); if it was served, an emptied pool was
    /// never refilled.
    /// </summary>
    private void RefillLiveness()
    {
        if (pool.Count > 0)
        {
            return;
        }
        var entries = history.Entries();
        var lastEmpty = entries.Where(e => e.Operation.Kind == PoolCallKind.Empty).Select(e => e.Return).DefaultIfEmpty(0).Max();
        var lastAlloc = entries.LastOrDefault(e => e.Operation.Kind == PoolCallKind.Alloc && e.Call > lastEmpty);
        if (lastAlloc is null)
        {
            return;
        }
        var lastSupply = entries.LastOrDefault(e => e.Operation.Kind == PoolCallKind.Supply);
        if (lastSupply is { Operation.Pointer.IsNull: true })
        {
            return;
        }
        var supplied = lastSupply is null ? "the pool never asked its allocator for anything" : $"its last request to the allocator, #{lastSupply.Id}, was served";
        throw new OracleViolationException("refill-liveness",
            string.Create(CultureInfo.InvariantCulture,
                $"at quiescence the pool is empty though percpu_pool_alloc ran after the last percpu_pool_empty (#{lastAlloc.Id} on {lastAlloc.Context}: {lastAlloc.Operation}) and {supplied}: an alloc that empties the pool must schedule the refill"),
            [$"inhibit_fill {pool.InhibitFill}, nr {pool.Count}, {recording.BytesInUse} bytes in use of {ReserveBytes}"]);
    }
}
