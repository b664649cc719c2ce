using Conformance.Catalog;
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
/// pool's own allocations and frees go into the history). Every clause is judged by the
/// <see cref="PoolOracle"/> exploration uses, in the run's rule book: the hand-out clauses and the bound
/// on nr at each return, owner patterns at each release, the bound at each checkpoint, where every other
/// CPU is still, so an empty made there by CPU0 (at every <see cref="EmptyEvery"/>th checkpoint but the
/// last) is checked against <c>empty-post</c>; conservation and refill liveness at quiescence.
/// </summary>
internal sealed class PoolStress : MechanismStress
{
    /// <summary>Element 8 bytes, low 2, high 4: fills below low happen, the refill runs often.</summary>
    public static readonly PoolParameters Parameters = new(8, 8, 2, 4);

    /// <summary>Sixteen elements: the holders (up to three each) and the pool together run it out.</summary>
    public const int ReserveBytes = 128;

    public const int MaxHeld = 3;

    /// <summary>How often CPU0 empties the pool at a checkpoint.</summary>
    public const int EmptyEvery = 4;

    private readonly IPercpuPool pool;
    private readonly PoolOracle oracle;
    private readonly HistoryAllocator poolAllocator;
    private readonly HistoryRecorder<PoolCall> history;
    private readonly PoolIntent[][] streams;
    private readonly List<PerCpuPtr>[] held;
    private readonly int[] stamps;
    private int checkpoints;
    private volatile bool cpu0Finished;

    public PoolStress(ImplementationEntry implementation, StressOptions options)
        : base(implementation, options, drainIpis: false)
    {
        var area = new PerCpuArea(Platform, ReserveBytes);
        var allocatorType = ImplementationCatalog.Find(Mechanism.Allocator, "reference").Type;
        var recording = new RecordingAllocator(ImplementationFactory.CreateAllocator(allocatorType, Platform, area));
        history = new HistoryRecorder<PoolCall>(Platform);
        poolAllocator = new HistoryAllocator(Platform, recording, history);
        pool = ImplementationFactory.CreatePool(implementation.Type, Platform, poolAllocator, Parameters);
        oracle = new PoolOracle(Platform, pool, recording, Rules);
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

    public override void AtQuiescence() => oracle.AtQuiescence();

    public override HistoryCheck CheckHistory(CheckLimits limits) => Check(new PoolSpecification(), history, limits);

    public override IReadOnlyList<string> InFlight() => history.InFlight();

    protected override long Progress => history.Now;

    /// <summary>On CPU0 with every other CPU still: the bound, and now and then an empty with nobody else at the pool.</summary>
    protected override void AtCheckpoint()
    {
        oracle.CheckNrBound("at a checkpoint");
        if (++checkpoints % EmptyEvery == 0 && !cpu0Finished)
        {
            Empty(0, alone: true);
        }
    }

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
                oracle.FillBegins(intent.Target);
                poolAllocator.BeginFill(cpu);
                pool.Fill(intent.Target);
                history.End(cpu, PoolCall.Fill(cpu, intent.Target, poolAllocator.EndFill(cpu)), filled);
                oracle.FillReturned();
                break;
            default:
                Empty(cpu, alone: false);
                break;
        }
        Done(cpu);
    }

    protected override void Finish(int cpu)
    {
        cpu0Finished |= cpu == 0;
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
        oracle.AllocBegins();
        var p = pool.Alloc();
        history.End(cpu, new PoolCall(PoolCallKind.Alloc, cpu, p, IrqsDisabled: irqsDisabled), call);
        if (irqsDisabled)
        {
            Platform.LocalIrqRestore(flags);
        }
        var pattern = (byte)(1 + (((cpu * 37) + (stamps[cpu]++ * 11)) % 255));
        oracle.AllocReturned(p, cpu, pattern);
        if (!p.IsNull)
        {
            held[cpu].Add(p);
        }
    }

    private void Release(int cpu, int index)
    {
        var p = held[cpu][index];
        held[cpu].RemoveAt(index);
        var op = new PoolCall(PoolCallKind.Release, cpu, p);
        var call = history.Begin(cpu, op);
        oracle.Release(p);
        history.End(cpu, op, call);
    }

    // Real threads: empty-post only where the other CPUs are held still (a checkpoint), since another
    // CPU's call could begin between the return and the check anywhere else.
    private void Empty(int cpu, bool alone)
    {
        var empty = new PoolCall(PoolCallKind.Empty, cpu, PerCpuPtr.Null);
        var emptied = history.Begin(cpu, empty);
        var token = oracle.EmptyBegins();
        pool.Empty();
        history.End(cpu, empty, emptied);
        oracle.EmptyReturned(alone ? token : -1);
    }
}
