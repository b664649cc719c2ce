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
/// Allocator stress: every CPU allocates (mixed sizes and alignments, some big, some zero-size) and frees
/// in a reserve small enough that holes and exhaustion happen. Each area is checked zeroed on every CPU,
/// stamped with its holder's pattern, checked intact when freed. At every checkpoint and at the end,
/// nothing is lost: the bytes in use are exactly those of the areas the CPUs hold.
/// </summary>
internal sealed class AllocatorStress : MechanismStress
{
    /// <summary>32 units: four CPUs holding up to six areas each run it out.</summary>
    public const int ReserveBytes = 128;

    public const int BigBytes = 64;

    public const int MaxHeld = 6;

    private readonly PerCpuArea area;
    private readonly IPerCpuAllocator allocator;
    private readonly HolderLedger holders;
    private readonly HistoryRecorder<AllocatorCall> history;
    private readonly AllocatorIntent[][] streams;
    private readonly List<(PerCpuPtr Ptr, int Size)>[] held;
    private readonly int[] stamps;

    public AllocatorStress(ImplementationEntry implementation, StressOptions options)
        : base(implementation, options, drainIpis: false)
    {
        area = new PerCpuArea(Platform, ReserveBytes, BigBytes);
        allocator = ImplementationFactory.CreateAllocator(implementation.Type, Platform, area);
        holders = new HolderLedger(area);
        history = new HistoryRecorder<AllocatorCall>(Platform);
        streams = new AllocatorIntent[options.Cpus][];
        held = new List<(PerCpuPtr, int)>[options.Cpus];
        stamps = new int[options.Cpus];
        for (var cpu = 0; cpu < options.Cpus; cpu++)
        {
            var random = StressSeeds.Stream(options.Seed, cpu);
            streams[cpu] = new AllocatorIntent[OperationsPerCpu];
            for (var i = 0; i < OperationsPerCpu; i++)
            {
                streams[cpu][i] = AllocatorIntent.Next(ref random);
            }
            held[cpu] = [];
        }
    }

    public override void AtQuiescence() => NothingLost();

    public override HistoryCheck CheckHistory(CheckLimits limits) =>
        Check(new AllocatorSpecification(ReserveBytes, BigBytes), history, limits);

    public override IReadOnlyList<string> InFlight() => history.InFlight();

    protected override long Progress => history.Now;

    protected override void AtCheckpoint() => NothingLost();

    protected override void Execute(int cpu, int index)
    {
        var intent = streams[cpu][index];
        var mine = held[cpu];
        switch (intent.Kind)
        {
            case AllocatorIntentKind.Alloc or AllocatorIntentKind.AllocBig when mine.Count < MaxHeld:
                Alloc(cpu, intent);
                break;
            case AllocatorIntentKind.Alloc or AllocatorIntentKind.AllocBig or AllocatorIntentKind.Free when mine.Count > 0:
                Free(cpu, intent.Pick % mine.Count);
                break;
            default:
                FreeNothing(cpu, (intent.Pick & 1) == 0 ? PerCpuPtr.Null : PerCpuPtr.ZeroSize);
                break;
        }
        Done(cpu);
    }

    protected override void Finish(int cpu)
    {
        var mine = held[cpu];
        while (mine.Count > 0)
        {
            Free(cpu, mine.Count - 1);
            Done(cpu);
        }
    }

    private void Alloc(int cpu, AllocatorIntent intent)
    {
        var big = intent.Kind == AllocatorIntentKind.AllocBig;
        var call = history.Begin(cpu, intent);
        PerCpuPtr p;
        try
        {
            p = big ? allocator.AllocBig(intent.Size, intent.Align) : allocator.Alloc(intent.Size, intent.Align);
        }
        catch (Exception e)
        {
            history.End(cpu, AllocatorCall.Alloc(intent.Size, intent.Align, PerCpuPtr.Null, big) with { Error = e.GetType().Name }, call);
            throw;
        }
        history.End(cpu, AllocatorCall.Alloc(intent.Size, intent.Align, p, big), call);
        if (intent.Size == 0 || p.IsNull || p.IsZeroSize)
        {
            return;
        }
        for (var c = 0; c < Platform.CpuCount; c++)
        {
            var bytes = area.Snapshot(p, c, intent.Size);
            var dirty = Array.FindIndex(bytes, b => b != 0);
            if (dirty >= 0)
            {
                throw new OracleViolationException("not-zeroed",
                    string.Create(CultureInfo.InvariantCulture, $"CPU{cpu}'s new allocation {p} ({intent}) holds 0x{bytes[dirty]:x2} at byte {dirty} on CPU{c}"));
            }
        }
        var pattern = (byte)(1 + (((cpu * 37) + (stamps[cpu]++ * 11)) % 255));
        holders.HandedOut(p, cpu, intent.Size, pattern);
        held[cpu].Add((p, intent.Size));
    }

    private void Free(int cpu, int index)
    {
        var (p, _) = held[cpu][index];
        held[cpu].RemoveAt(index);
        holders.Releasing(p);
        FreeNothing(cpu, p);
    }

    // A free the history records: of a held area, or of NULL / ZERO_SIZE_PTR (a no-op).
    private void FreeNothing(int cpu, PerCpuPtr p)
    {
        var op = AllocatorCall.Free(p);
        var call = history.Begin(cpu, op);
        try
        {
            allocator.Free(p);
        }
        catch (Exception e)
        {
            history.End(cpu, op with { Error = e.GetType().Name }, call);
            throw;
        }
        history.End(cpu, op, call);
    }

    // With every CPU still: the allocator counts exactly the held areas' units, and the shadow marks
    // at least their bytes and no more than their units.
    private void NothingLost()
    {
        var areas = held.SelectMany(h => h).ToList();
        var units = areas.Sum(a => (long)((a.Size + 3) / 4) * 4);
        var bytes = areas.Sum(a => (long)a.Size);
        var inUse = allocator.BytesInUse;
        var live = area.LiveBytes();
        if (inUse != units || live < bytes || live > units)
        {
            var state = areas.Select(a => string.Create(CultureInfo.InvariantCulture, $"held {a.Ptr} ({a.Size} bytes)")).ToList();
            throw new OracleViolationException("lost-bytes",
                string.Create(CultureInfo.InvariantCulture,
                    $"nothing lost fails with every CPU still: the CPUs hold {areas.Count} area(s) of {units} bytes in whole units, but the allocator counts {inUse} bytes in use and the shadow marks {live} bytes live"),
                state);
        }
    }
}
