using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Stress.Checking;
using Conformance.Stress.Specifications;

namespace Conformance.Stress.Harness;

/// <summary>
/// Allocator stress: every CPU allocates (mixed sizes and alignments, some big, some zero-size) and frees
/// in a reserve small enough that holes and exhaustion happen, now and then freeing again what it
/// already freed or asking with an alignment above a page (both must be refused and change nothing).
/// Every call goes through an <see cref="AllocatorLedger"/>, which judges the allocator's clauses as each
/// call returns and, at every checkpoint and at the end, <c>null-only-when-full</c> over the calls since
/// the last one and that nothing is lost. Odd seeds run over a reserve of several bitmap words.
/// </summary>
internal sealed class AllocatorStress : MechanismStress
{
    /// <summary>32 units: four CPUs holding up to six areas each run it out.</summary>
    public const int ReserveBytes = 128;

    /// <summary>232 units: three bitmap words and 40 units of a fourth, for the odd seeds.</summary>
    public const int WideReserveBytes = 928;

    public const int BigBytes = 64;

    public const int MaxHeld = 6;

    private readonly int reserveBytes;
    private readonly IPerCpuAllocator allocator;
    private readonly AllocatorLedger ledger;
    private readonly HistoryRecorder<AllocatorCall> history;
    private readonly AllocatorIntent[][] streams;
    private readonly List<(PerCpuPtr Ptr, int Size)>[] held;
    private readonly int[] stamps;
    private readonly PerCpuPtr[] lastFreed;

    public AllocatorStress(ImplementationEntry implementation, StressOptions options)
        : base(implementation, options, drainIpis: false)
    {
        var wide = options.Seed % 2 == 1;
        reserveBytes = wide ? WideReserveBytes : ReserveBytes;
        var area = new PerCpuArea(Platform, reserveBytes, BigBytes);
        allocator = ImplementationFactory.CreateAllocator(implementation.Type, Platform, area);
        ledger = new AllocatorLedger(allocator, Rules);
        history = new HistoryRecorder<AllocatorCall>(Platform);
        streams = new AllocatorIntent[options.Cpus][];
        held = new List<(PerCpuPtr, int)>[options.Cpus];
        stamps = new int[options.Cpus];
        lastFreed = new PerCpuPtr[options.Cpus];
        for (var cpu = 0; cpu < options.Cpus; cpu++)
        {
            var random = StressSeeds.Stream(options.Seed, cpu);
            streams[cpu] = new AllocatorIntent[OperationsPerCpu];
            for (var i = 0; i < OperationsPerCpu; i++)
            {
                streams[cpu][i] = AllocatorIntent.Next(ref random, wide);
            }
            held[cpu] = [];
        }
    }

    public override void AtQuiescence() => ledger.Quiescent();

    public override HistoryCheck CheckHistory(CheckLimits limits) =>
        Check(new AllocatorSpecification(reserveBytes, BigBytes), history, limits);

    public override IReadOnlyList<string> InFlight() => history.InFlight();

    protected override long Progress => history.Now;

    protected override void AtCheckpoint() => ledger.Quiescent();

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
            case AllocatorIntentKind.FreeStale when !lastFreed[cpu].IsNull:
                FreeStale(cpu, lastFreed[cpu]);
                break;
            case AllocatorIntentKind.BadAlign:
                Alloc(cpu, intent);
                break;
            default:
                var nothing = (intent.Pick & 1) == 0 ? PerCpuPtr.Null : PerCpuPtr.ZeroSize;
                Record(cpu, AllocatorCall.Free(nothing), () => ledger.FreeNoOp(cpu, nothing));
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
            var pattern = (byte)(1 + (((cpu * 37) + (stamps[cpu]++ * 11)) % 255));
            p = ledger.Alloc(cpu, intent.Size, intent.Align, big, pattern);
        }
        catch (OracleViolationException)
        {
            // The ledger judged the result: what the call returned is in its report, not in the history.
            history.Abandon(cpu);
            throw;
        }
        catch (Exception e)
        {
            history.End(cpu, AllocatorCall.Alloc(intent.Size, intent.Align, PerCpuPtr.Null, big) with { Error = e.GetType().Name }, call);
            throw;
        }
        // The ledger lets a call the contract refuses return NULL only when it was refused as documented.
        var refusal = AllocatorClauses.RequiredRefusal(intent.Size, intent.Align);
        history.End(cpu, AllocatorCall.Alloc(intent.Size, intent.Align, p, big) with { Error = refusal?.Name }, call);
        if (!p.IsNull && !p.IsZeroSize)
        {
            held[cpu].Add((p, intent.Size));
        }
    }

    private void Free(int cpu, int index)
    {
        var (p, _) = held[cpu][index];
        held[cpu].RemoveAt(index);
        Record(cpu, AllocatorCall.Free(p), () => ledger.Free(cpu, p));
        lastFreed[cpu] = p;
    }

    // A double free: the history records what the free did, whatever the ledger judges of it.
    private void FreeStale(int cpu, PerCpuPtr p)
    {
        var op = AllocatorCall.Free(p);
        var call = history.Begin(cpu, op);
        var recorded = false;
        try
        {
            ledger.FreeInvalid(cpu, p, thrown =>
            {
                history.End(cpu, op with { Error = thrown?.GetType().Name }, call);
                recorded = true;
            });
        }
        catch (Exception) when (!recorded)
        {
            history.Abandon(cpu);
            throw;
        }
    }

    // A free the history records: of a held area, or of NULL / ZERO_SIZE_PTR (a no-op).
    private void Record(int cpu, AllocatorCall op, Action free)
    {
        var call = history.Begin(cpu, op);
        try
        {
            free();
        }
        catch (OracleViolationException)
        {
            history.Abandon(cpu);
            throw;
        }
        catch (Exception e)
        {
            history.End(cpu, op with { Error = e.GetType().Name }, call);
            throw;
        }
        history.End(cpu, op, call);
    }
}
