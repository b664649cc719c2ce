using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Concurrency.Scenarios;

/// <summary>
/// The pool scenarios: CPUs take elements and free them while the refill work runs, optionally with an
/// explicit fill and an empty racing them. Oracles: no element held twice or handed out freed, owner
/// patterns intact, and at quiescence allocated = in pool + held + freed.
/// </summary>
public static class PoolScenarios
{
    /// <summary>Element 8 bytes, low 1, high 2: the refill is scheduled often and the pool runs empty.</summary>
    public static readonly PoolParameters Parameters = new(8, 8, 1, 2);

    public static ScenarioFamily Refill { get; } = new(
        "pool-refill", Mechanism.Pool,
        "CPUs alloc from the pool and free what they got while the refill work runs",
        DefaultCpus: 2, DefaultOps: 2, MinCpus: 2, (type, cpus, ops, rules) => platform => Build(type, platform, ops, fillAndEmpty: false));

    public static ScenarioFamily RefillFillEmpty { get; } = new(
        "pool-fill-empty", Mechanism.Pool,
        "as pool-refill, with one more CPU making an explicit fill and then an empty that race the others",
        DefaultCpus: 3, DefaultOps: 2, MinCpus: 3, (type, cpus, ops, rules) => platform => Build(type, platform, ops, fillAndEmpty: true));

    private static ScenarioRun Build(Type type, Platform platform, int ops, bool fillAndEmpty)
    {
        var area = new PerCpuArea(platform, reserveBytes: 256);
        var allocatorType = ImplementationCatalog.Find(Mechanism.Allocator, "reference").Type;
        var allocator = new RecordingAllocator(ImplementationFactory.CreateAllocator(allocatorType, platform, area));
        var pool = ImplementationFactory.CreatePool(type, platform, allocator, Parameters);
        var holders = new HolderLedger(area, allocator.IsLive);
        var users = fillAndEmpty ? platform.CpuCount - 1 : platform.CpuCount;
        var programs = new Action?[platform.CpuCount];
        for (var cpu = 0; cpu < users; cpu++)
        {
            var me = cpu;
            programs[cpu] = () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    platform.Annotate("percpu_pool_alloc begins");
                    var p = pool.Alloc();
                    platform.Annotate($"percpu_pool_alloc returns {p}");
                    if (p.IsNull)
                    {
                        continue;
                    }
                    holders.HandedOut(p, me, Parameters.ElementSize, (byte)(0x10 * (me + 1) + i));
                    holders.Releasing(p);
                    allocator.Free(p);
                }
            };
        }
        if (fillAndEmpty)
        {
            programs[^1] = () =>
            {
                platform.Annotate("percpu_pool_fill(0) begins");
                pool.Fill(0);
                platform.Annotate("percpu_pool_empty begins");
                pool.Empty();
                platform.Annotate("percpu_pool_empty returns");
            };
        }
        return new ScenarioRun(programs, () => PoolConservation.Check(pool, allocator, holders), Setup: () => pool.Fill(0));
    }
}
