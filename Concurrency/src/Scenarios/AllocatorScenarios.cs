using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Concurrency.Scenarios;

/// <summary>
/// CPUs allocate and free concurrently, in process context. Every call goes through an
/// <see cref="AllocatorLedger"/>, which judges each allocator clause as the call returns and
/// <c>null-only-when-full</c> at quiescence; at the end nothing may be in use.
/// </summary>
public static class AllocatorScenarios
{
    private static readonly (int Size, int Align)[] Requests = [(4, 4), (10, 8), (6, 4), (16, 16), (2, 1)];

    // Over 136 units: 128 units (two whole words at 0, across three words anywhere else), a big one, 132
    // units that fit only when nearly everything is free (from below into the last word); small ones that
    // land in the last, partial word or in what the others leave, aligned to 16 and 8 units.
    private static readonly (int Size, int Align, bool Big)[] WordRequests =
        [(512, 4, false), (100, 8, true), (528, 4, false), (24, 4, false), (48, 64, false), (32, 32, false)];

    /// <summary>Small sizes and alignments that leave holes in a 16-unit reserve. Its bounded proofs are counted in the tests: keep it as it is.</summary>
    public static ScenarioFamily AllocFree { get; } = new(
        "alloc-free", Mechanism.Allocator,
        "CPUs allocate and free areas of mixed sizes and alignments in a 64-byte reserve",
        DefaultCpus: 2, DefaultOps: 3, MinCpus: 2, (type, cpus, ops, rules) => platform => Build(type, platform, ops, rules));

    /// <summary>
    /// A 136-unit reserve (two bitmap words and 8 units of a third) and a 128-byte big region: allocations
    /// that cover whole words or cross them, big ones, NULLs that depend on the order; each CPU frees its
    /// oldest allocation once it holds two, or when a request failed, while the others allocate and free;
    /// then a big allocation and its free, a zero-size allocation and its free, a refused request and a
    /// double free.
    /// </summary>
    public static ScenarioFamily AllocBigWords { get; } = new(
        "alloc-big-words", Mechanism.Allocator,
        "CPUs allocate (reserve and big region), free, and double-free areas across the words of a 544-byte reserve's bitmap",
        DefaultCpus: 2, DefaultOps: 3, MinCpus: 2, (type, cpus, ops, rules) => platform => BuildWords(type, platform, ops, rules));

    private static ScenarioRun Build(Type type, Platform platform, int ops, RuleSet rules)
    {
        var area = new PerCpuArea(platform, reserveBytes: 64);
        var allocator = ImplementationFactory.CreateAllocator(type, platform, area);
        var book = new RuleBook(rules);
        var ledger = new AllocatorLedger(allocator, book);
        var programs = new Action?[platform.CpuCount];
        for (var cpu = 0; cpu < platform.CpuCount; cpu++)
        {
            var me = cpu;
            programs[cpu] = () =>
            {
                var mine = new Queue<PerCpuPtr>();
                for (var i = 0; i < ops; i++)
                {
                    var (size, align) = Requests[(me + i) % Requests.Length];
                    platform.Annotate($"alloc_percpu({size}, {align}) begins");
                    var p = ledger.Alloc(me, size, align, big: false, (byte)(0x10 * (me + 1) + i));
                    platform.Annotate($"alloc_percpu returns {p}");
                    if (!p.IsNull)
                    {
                        mine.Enqueue(p);
                    }
                    if (mine.Count > 1 || (i == ops - 1 && mine.Count > 0))
                    {
                        Release(platform, ledger, me, mine.Dequeue());
                    }
                }
                while (mine.Count > 0)
                {
                    Release(platform, ledger, me, mine.Dequeue());
                }
            };
        }
        return new ScenarioRun(programs, ledger.Quiescent, Rules: book);
    }

    private static ScenarioRun BuildWords(Type type, Platform platform, int ops, RuleSet rules)
    {
        var area = new PerCpuArea(platform, reserveBytes: 544, bigBytes: 128);
        var allocator = ImplementationFactory.CreateAllocator(type, platform, area);
        var book = new RuleBook(rules);
        var ledger = new AllocatorLedger(allocator, book);
        var programs = new Action?[platform.CpuCount];
        for (var cpu = 0; cpu < platform.CpuCount; cpu++)
        {
            var me = cpu;
            programs[cpu] = () =>
            {
                var mine = new Queue<PerCpuPtr>();
                var lastFreed = PerCpuPtr.Null;
                for (var i = 0; i < ops; i++)
                {
                    var (size, align, big) = WordRequests[((me * 3) + i) % WordRequests.Length];
                    platform.Annotate($"{(big ? "big_percpu_alloc" : "alloc_percpu")}({size}, {align}) begins");
                    var p = ledger.Alloc(me, size, align, big, (byte)(0x10 * (me + 1) + i));
                    platform.Annotate($"returns {p}");
                    if (!p.IsNull)
                    {
                        mine.Enqueue(p);
                    }
                    if (mine.Count > 1 || (p.IsNull && mine.Count > 0))
                    {
                        lastFreed = Release(platform, ledger, me, mine.Dequeue());
                    }
                }
                while (mine.Count > 0)
                {
                    lastFreed = Release(platform, ledger, me, mine.Dequeue());
                }
                platform.Annotate("big_percpu_alloc(64, 16) begins");
                var last = ledger.Alloc(me, 64, 16, big: true, (byte)(0x10 * (me + 1) + ops));
                if (!last.IsNull)
                {
                    Release(platform, ledger, me, last);
                }
                platform.Annotate("alloc_percpu(0, 4) begins");
                ledger.FreeNoOp(me, ledger.Alloc(me, 0, 4, big: false, 0));
                // Bad input, refused with nothing changed: an alignment above a page, and a double free
                // (its units may be another CPU's by now).
                platform.Annotate("alloc_percpu(8, 8192) begins");
                ledger.Alloc(me, 8, 2 * AllocatorClauses.PageSize, big: false, 0);
                if (!lastFreed.IsNull)
                {
                    platform.Annotate($"free_percpu({lastFreed}) again");
                    ledger.FreeInvalid(me, lastFreed);
                }
            };
        }
        return new ScenarioRun(programs, ledger.Quiescent, Rules: book);
    }

    private static PerCpuPtr Release(Platform platform, AllocatorLedger ledger, int cpu, PerCpuPtr ptr)
    {
        platform.Annotate($"free_percpu({ptr}) begins");
        ledger.Free(cpu, ptr);
        return ptr;
    }
}
