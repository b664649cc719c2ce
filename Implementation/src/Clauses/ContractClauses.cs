using Conformance.Catalog;

namespace Conformance.Clauses;

/// <summary>
/// Every clause of the three contracts that a check evaluates, each once. Oracles report a clause's
/// <see cref="Clause.Id"/>; <c>docs/clauses.md</c> maps each clause to the checks that evaluate it and to
/// the test that shows it failing on a broken variant.
/// </summary>
public static class ContractClauses
{
    private const string CrossCallContract = "ICrossCall remarks";
    private const string PoolContract = "IPercpuPool remarks";
    private const string AllocatorContract = "IPerCpuAllocator remarks";

    // ---- Cross-calls (seed 004, -v4 "remove kmalloc()") ----

    /// <summary>Every target that was online and in the mask for the whole call runs it (723aae25d5cd), once every IPI is taken.</summary>
    public static Clause LostCall { get; } = new("lost-call", Mechanism.CrossCall,
        "no call is lost: once every IPI has been delivered, every guaranteed target has run every call sent to it", CrossCallContract);

    /// <summary>Each target runs a call at most once.</summary>
    public static Clause RanTwice { get; } = new("ran-twice", Mechanism.CrossCall,
        "each call runs func(info) at most once on each target", CrossCallContract);

    /// <summary>A CPU runs only a func with the info of one call sent to it: never a stale, re-used or torn entry.</summary>
    public static Clause ForeignPayload { get; } = new("foreign-payload", Mechanism.CrossCall,
        "a CPU runs only the func of a call sent to it, with that call's info (never another call's, never func of one with info of another)", CrossCallContract);

    /// <summary>The wait: the one clause where the seed and the documented API differ.</summary>
    public static Clause EarlyReturn { get; } = new("early-return", Mechanism.CrossCall,
        "a waiting call returns only after func(info) has returned on every guaranteed target, and no func touches info after that",
        "the kernel's documented API (\"wait until function has completed on other CPUs\"), the code before the seed, and generic-ipi: remove CSD_FLAG_WAIT (Feb 2009)")
    {
        SeedReading = "a waiting call_many returns after the last target to take the entry finished its func; a target that took it earlier may enter its func later (the -v4 handler); a waiting call_single after its target's func returned",
    };

    /// <summary>Where func runs: a remote target in interrupt context with interrupts disabled; a local single call with interrupts disabled.</summary>
    public static Clause FuncContext { get; } = new("func-context", Mechanism.CrossCall,
        "a remote func runs in interrupt context with interrupts disabled; a call_single to the caller's own CPU runs func locally with interrupts disabled", CrossCallContract);

    /// <summary>-ENXIO exactly when the target was offline.</summary>
    public static Clause Enxio { get; } = new("enxio", Mechanism.CrossCall,
        "call_single returns -ENXIO (-6) when its target is not online and 0 when it is; call and call_many return nothing but 0", CrossCallContract)
    {
        UnderConcurrency = "a target taken down or brought up during the call may give either result; only a target online (or offline) for the whole call fixes it",
    };

    /// <summary>Every call returns: no perma-spin in csd_lock or csd_wait.</summary>
    public static Clause CallerStuck { get; } = new("caller-stuck", Mechanism.CrossCall,
        "every call returns once its targets take their IPIs (no spin forever on a csd nobody unlocks)", "723aae25d5cd; the seed's csd_lock");

    /// <summary>At quiescence nothing is left pending or locked.</summary>
    public static Clause QuiescentClean { get; } = new("quiescent-clean", Mechanism.CrossCall,
        "at quiescence no IPI is pending and no csd is locked: every CPU's next call of each kind goes through", CrossCallContract)
    {
        UnderConcurrency = "decided black-box at quiescence: the platform has no pending IPI and a waiting probe call from each caller returns",
    };

    /// <summary>call_many and call with interrupts disabled: the seed's WARN_ON.</summary>
    public static Clause IrqsOffRejected { get; } = new("irqs-off-rejected", Mechanism.CrossCall,
        "smp_call_function_many and smp_call_function with interrupts disabled are refused (the seed's WARN_ON)", CrossCallContract);

    // ---- percpu_pool (seed 001) ----

    /// <summary>One holder per element.</summary>
    public static Clause DoubleHandOut { get; } = new("double-hand-out", Mechanism.Pool,
        "an element is handed to at most one holder until it is freed", PoolContract);

    /// <summary>Only live elements are handed out, from the pool's allocator.</summary>
    public static Clause FreedHandOut { get; } = new("freed-hand-out", Mechanism.Pool,
        "percpu_pool_alloc hands out only an element the pool's allocator allocated and nobody freed", PoolContract);

    /// <summary>What a hand-out looks like: zeroed link, size and alignment as the pool was declared.</summary>
    public static Clause HandOutContent { get; } = new("hand-out-content", Mechanism.Pool,
        "a handed-out element is aligned to the element alignment, at least the element size, and zero on every CPU (the seed clears the chain link: *pcpu_pool_nextp(p) = NULL)", "seed 001: percpu_pool_alloc");

    /// <summary>The holder's bytes are its own until it frees the element.</summary>
    public static Clause OwnerPattern { get; } = new("owner-pattern", Mechanism.Pool,
        "nothing writes a held element but its holder", PoolContract);

    /// <summary>Nothing lost.</summary>
    public static Clause Conservation { get; } = new("conservation", Mechanism.Pool,
        "at every quiescent point, elements allocated = in the pool + held + freed, and nr counts the elements the pool holds", PoolContract);

    /// <summary>The bound on nr: the second clause where the seed and the kernel differ.</summary>
    public static Clause NrBound { get; } = new("nr-bound", Mechanism.Pool,
        "the pool never holds more elements than its high watermark or the largest fill target asked for",
        "the pool's documentation (\"fill it up to the high mark\") and the kernel's later atomic allocation pools, which keep the same watermark")
    {
        SeedReading = "percpu_pool_fill reads pool->nr without the lock, so fills that overlap may each add up to the target: nr may exceed it",
        UnderConcurrency = "evaluated at every observation of nr (each step of the properties, each quiescent point and every pool operation's return in exploration and stress)",
    };

    /// <summary>After empty, nothing is left.</summary>
    public static Clause EmptyPost { get; } = new("empty-post", Mechanism.Pool,
        "after percpu_pool_empty returns with no concurrent user, no refill work is running or pending and the pool holds nothing", PoolContract);

    /// <summary>An empty pool refills.</summary>
    public static Clause RefillLiveness { get; } = new("refill-liveness", Mechanism.Pool,
        "an alloc that leaves the pool empty schedules the refill: once the work has run, the pool is not empty again unless the allocator is out of space or an empty came after", PoolContract);

    // ---- alloc_percpu (seeds 000, 002) ----

    /// <summary>No overlap.</summary>
    public static Clause Overlap { get; } = new("overlap", Mechanism.Allocator,
        "no byte handed out is part of a live allocation, on any CPU", AllocatorContract);

    /// <summary>Zeroed on every CPU, the big region included.</summary>
    public static Clause Zeroed { get; } = new("zeroed", Mechanism.Allocator,
        "memory handed out (by __alloc_percpu and big_percpu_alloc) is zero on every CPU", "seed 000; seed 002 zeroes every CPU's copy");

    /// <summary>Aligned and inside the area.</summary>
    public static Clause Placement { get; } = new("placement", Mechanism.Allocator,
        "a pointer handed out is aligned to max(align, 4) and lies inside the area (the reserve, or the big region for big_percpu_alloc)", AllocatorContract);

    /// <summary>NULL only when nothing fits.</summary>
    public static Clause NullOnlyWhenFull { get; } = new("null-only-when-full", Mechanism.Allocator,
        "__alloc_percpu returns NULL only when no free, aligned run of the reserve can hold the size", AllocatorContract)
    {
        UnderConcurrency = "while other CPUs allocate and free, a NULL is a violation only when some aligned run of the reserve was free during the whole call (free of every allocation live at any moment of it): such a run was there to be found whichever order the CPUs took",
    };

    /// <summary>Sizes 0, NULL and ZERO_SIZE_PTR.</summary>
    public static Clause ZeroSize { get; } = new("zero-size", Mechanism.Allocator,
        "size 0 returns ZERO_SIZE_PTR; free_percpu(NULL) and free_percpu(ZERO_SIZE_PTR) do nothing", "seed 000");

    /// <summary>Bad input refused, state unchanged.</summary>
    public static Clause BadInput { get; } = new("bad-input", Mechanism.Allocator,
        "a negative size, an alignment that is not a power of two or above 4096, and a free of a pointer that is not live are refused with an exception and change nothing", "seed 002: cpu_free's WARN_ON, made an error");

    /// <summary>The shadow map follows the allocations.</summary>
    public static Clause Shadow { get; } = new("shadow", Mechanism.Allocator,
        "every allocation handed out is marked in the area's shadow, and unmarked when freed, so accesses are checked", AllocatorContract);

    /// <summary>Every clause, cross-calls first.</summary>
    public static IReadOnlyList<Clause> All { get; } =
    [
        LostCall, RanTwice, ForeignPayload, EarlyReturn, FuncContext, Enxio, CallerStuck, QuiescentClean, IrqsOffRejected,
        DoubleHandOut, FreedHandOut, HandOutContent, OwnerPattern, Conservation, NrBound, EmptyPost, RefillLiveness,
        Overlap, Zeroed, Placement, NullOnlyWhenFull, ZeroSize, BadInput, Shadow,
    ];

    /// <summary>The clause with this id; an <see cref="ArgumentException"/> names the known ones.</summary>
    public static Clause Find(string id) =>
        All.FirstOrDefault(c => c.Id == id)
        ?? throw new ArgumentException($"no contract clause '{id}'; known: {string.Join(", ", All.Select(c => c.Id))}", nameof(id));

    public static IEnumerable<Clause> For(Mechanism mechanism) => All.Where(c => c.Mechanism == mechanism);
}
