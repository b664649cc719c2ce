using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Concurrency.Scenarios;

/// <summary>
/// The pool scenarios: CPUs take elements and free them while the refill work runs, with explicit fills
/// and empties racing them, fills racing fills, and allocs from an interrupt handler on a CPU inside a
/// fill or an empty. Every clause of the pool's contract is judged by a <see cref="PoolOracle"/> at each
/// operation's return and at quiescence.
/// </summary>
public static class PoolScenarios
{
    /// <summary>Element 8 bytes, low 1, high 2: the refill is scheduled often and the pool runs empty.</summary>
    public static readonly PoolParameters Parameters = new(8, 8, 1, 2);

    /// <summary>
    /// pool-fill-fill's pool: element 8 bytes, low 2, high 3, so CPU1's fill to 1 is below the low
    /// watermark and inhibits the refill until the pool runs empty.
    /// </summary>
    public static readonly PoolParameters FillFillParameters = new(8, 8, 2, 3);

    /// <summary>The interrupt vector of the handler that allocates (the pool raises none of its own).</summary>
    public const IpiVector AllocVector = (IpiVector)7;

    public static ScenarioFamily Refill { get; } = new(
        "pool-refill", Mechanism.Pool,
        "CPUs alloc from the pool and free what they got while the refill work runs",
        DefaultCpus: 2, DefaultOps: 2, MinCpus: 2, (type, cpus, ops, rules) => platform => Build(type, platform, ops, rules, fillAndEmpty: false));

    public static ScenarioFamily RefillFillEmpty { get; } = new(
        "pool-fill-empty", Mechanism.Pool,
        "as pool-refill, with one more CPU making an explicit fill and then an empty that race the others",
        DefaultCpus: 3, DefaultOps: 2, MinCpus: 3, (type, cpus, ops, rules) => platform => Build(type, platform, ops, rules, fillAndEmpty: true));

    public static ScenarioFamily FillFill { get; } = new(
        "pool-fill-fill", Mechanism.Pool,
        "every CPU fills the empty pool (CPU1 below the low watermark, the others to the high one), then takes two elements and frees them, while the refill work runs: fills race fills",
        DefaultCpus: 2, DefaultOps: 1, MinCpus: 2, (type, cpus, ops, rules) => platform => BuildFillFill(type, platform, ops, rules));

    public static ScenarioFamily IrqAlloc { get; } = new(
        "pool-irq-alloc", Mechanism.Pool,
        "CPU0 fills the pool and empties it; the other CPUs interrupt it, and the handler allocs on CPU0 inside the fill or the empty",
        DefaultCpus: 2, DefaultOps: 1, MinCpus: 2, (type, cpus, ops, rules) => platform => BuildIrqAlloc(type, platform, ops, rules));

    private static (IPercpuPool Pool, PoolOracle Oracle) Create(Type type, Platform platform, RuleSet rules, PoolParameters? parameters = null)
    {
        var area = new PerCpuArea(platform, reserveBytes: 256);
        var allocatorType = ImplementationCatalog.Find(Mechanism.Allocator, "reference").Type;
        var allocator = new RecordingAllocator(ImplementationFactory.CreateAllocator(allocatorType, platform, area));
        var pool = ImplementationFactory.CreatePool(type, platform, allocator, parameters ?? Parameters);
        return (pool, new PoolOracle(platform, pool, allocator, new RuleBook(rules)));
    }

    private static ScenarioRun Build(Type type, Platform platform, int ops, RuleSet rules, bool fillAndEmpty)
    {
        var (pool, oracle) = Create(type, platform, rules);
        var users = fillAndEmpty ? platform.CpuCount - 1 : platform.CpuCount;
        var programs = new Action?[platform.CpuCount];
        for (var cpu = 0; cpu < users; cpu++)
        {
            var me = cpu;
            programs[cpu] = () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    AllocAndFree(platform, pool, oracle, me, (byte)(0x10 * (me + 1) + i));
                }
            };
        }
        if (fillAndEmpty)
        {
            programs[^1] = () =>
            {
                Fill(platform, pool, oracle, 0);
                Empty(platform, pool, oracle);
            };
        }
        return new ScenarioRun(programs, oracle.AtQuiescence, Setup: () => Fill(platform, pool, oracle, 0), Rules: oracle.Rules);
    }

    private static ScenarioRun BuildFillFill(Type type, Platform platform, int ops, RuleSet rules)
    {
        var (pool, oracle) = Create(type, platform, rules, FillFillParameters);
        var programs = new Action?[platform.CpuCount];
        for (var cpu = 0; cpu < platform.CpuCount; cpu++)
        {
            var me = cpu;
            programs[cpu] = () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    Fill(platform, pool, oracle, me == 1 ? 1 : 0);
                    // Hold up to two elements, so that together the CPUs run the pool empty.
                    var mine = new List<PerCpuPtr>();
                    for (var k = 0; k < 2; k++)
                    {
                        var p = Alloc(platform, pool, oracle, me, (byte)(0x10 * (me + 1) + (2 * i) + k));
                        if (!p.IsNull)
                        {
                            mine.Add(p);
                        }
                    }
                    foreach (var p in mine)
                    {
                        oracle.Release(p);
                    }
                }
            };
        }
        return new ScenarioRun(programs, oracle.AtQuiescence, Rules: oracle.Rules);
    }

    private static ScenarioRun BuildIrqAlloc(Type type, Platform platform, int ops, RuleSet rules)
    {
        var (pool, oracle) = Create(type, platform, rules);
        // What the handler took: it cannot free (free_percpu is not for interrupt context); CPU0 frees it
        // after its empties, or it stays held, which conservation counts.
        var taken = new List<PerCpuPtr>();
        var interrupts = 0;
        platform.RegisterIpiHandler(AllocVector, () =>
        {
            var p = Alloc(platform, pool, oracle, 0, (byte)(0xa0 + interrupts++));
            if (!p.IsNull)
            {
                taken.Add(p);
            }
        });
        var programs = new Action?[platform.CpuCount];
        programs[0] = () =>
        {
            for (var i = 0; i < ops; i++)
            {
                Fill(platform, pool, oracle, 0);
                Empty(platform, pool, oracle);
            }
            var flags = platform.LocalIrqSave();
            var mine = taken.ToList();
            taken.Clear();
            platform.LocalIrqRestore(flags);
            foreach (var p in mine)
            {
                oracle.Release(p);
            }
        };
        for (var cpu = 1; cpu < platform.CpuCount; cpu++)
        {
            programs[cpu] = () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    platform.SendIpi(0, AllocVector);
                }
            };
        }
        return new ScenarioRun(programs, oracle.AtQuiescence, Rules: oracle.Rules);
    }

    private static PerCpuPtr Alloc(Platform platform, IPercpuPool pool, PoolOracle oracle, int holder, byte pattern)
    {
        platform.Annotate("percpu_pool_alloc begins");
        oracle.AllocBegins();
        var p = pool.Alloc();
        platform.Annotate($"percpu_pool_alloc returns {p}");
        oracle.AllocReturned(p, holder, pattern);
        return p;
    }

    private static void AllocAndFree(Platform platform, IPercpuPool pool, PoolOracle oracle, int cpu, byte pattern)
    {
        var p = Alloc(platform, pool, oracle, cpu, pattern);
        if (p.IsNull)
        {
            return;
        }
        oracle.Release(p);
    }

    private static void Fill(Platform platform, IPercpuPool pool, PoolOracle oracle, int target)
    {
        platform.Annotate($"percpu_pool_fill({target}) begins");
        oracle.FillBegins(target);
        pool.Fill(target);
        platform.Annotate($"percpu_pool_fill({target}) returns");
        oracle.FillReturned();
    }

    private static void Empty(Platform platform, IPercpuPool pool, PoolOracle oracle)
    {
        platform.Annotate("percpu_pool_empty begins");
        var token = oracle.EmptyBegins();
        pool.Empty();
        platform.Annotate("percpu_pool_empty returns");
        oracle.EmptyReturned(token);
    }
}
