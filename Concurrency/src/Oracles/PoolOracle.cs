using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// Every clause of the pool's contract, judged in one <see cref="RuleBook"/> as the operations of a
/// run begin and return (exploration and stress both drive it): <c>nr-bound</c> at each return and at
/// quiescence, <c>hand-out-content</c>, <c>double-hand-out</c> and <c>freed-hand-out</c> at each
/// hand-out, <c>owner-pattern</c> at each release, <c>empty-post</c> when an empty returns with no other
/// user at the pool, <c>conservation</c> and <c>refill-liveness</c> at quiescence. The predicates are
/// <see cref="PoolClauseChecks"/>'s, shared with the properties. Thread-safe.
/// </summary>
public sealed class PoolOracle
{
    private readonly Platform platform;
    private readonly IPercpuPool pool;
    private readonly HashSet<PerCpuPtr> freeing = [];
    private long clock;
    private long lastAllocCall;
    private long lastEmptyReturn;
    private long begins;
    private int inFlight;
    private int largestTarget;

    public PoolOracle(Platform platform, IPercpuPool pool, RecordingAllocator allocator, RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(allocator);
        ArgumentNullException.ThrowIfNull(rules);
        this.platform = platform;
        this.pool = pool;
        Allocator = allocator;
        Rules = rules;
        Holders = new HolderLedger(allocator.Area, allocator, rules);
    }

    public RecordingAllocator Allocator { get; }

    public HolderLedger Holders { get; }

    public RuleBook Rules { get; }

    /// <summary>The largest fill target asked so far (0 until a fill is asked; the refill's is the high watermark).</summary>
    public int LargestTarget => Volatile.Read(ref largestTarget);

    /// <summary>Before <c>percpu_pool_fill(target)</c>: the target counts from now on.</summary>
    public void FillBegins(int target)
    {
        var effective = target == 0 ? pool.Parameters.High : target;
        int seen;
        while ((seen = Volatile.Read(ref largestTarget)) < effective
            && Interlocked.CompareExchange(ref largestTarget, effective, seen) != seen)
        {
        }
        UserBegins();
    }

    public void FillReturned()
    {
        UserEnds();
        CheckNrBound("percpu_pool_fill returned");
    }

    /// <summary>Before <c>percpu_pool_alloc</c> (from a process or an interrupt context).</summary>
    public void AllocBegins()
    {
        Volatile.Write(ref lastAllocCall, Interlocked.Increment(ref clock));
        UserBegins();
    }

    /// <summary>
    /// After <c>percpu_pool_alloc</c> returned <paramref name="ptr"/>: the bound, then for an element its
    /// content (before the holder writes it), then the ledger's hand-out clauses and the holder's pattern.
    /// </summary>
    public void AllocReturned(PerCpuPtr ptr, int holder, byte pattern)
    {
        UserEnds();
        CheckNrBound("percpu_pool_alloc returned");
        if (ptr.IsNull)
        {
            return;
        }
        // One its holder let go of and is freeing is as good as freed.
        bool beingFreed;
        lock (freeing)
        {
            beingFreed = freeing.Contains(ptr);
        }
        if (beingFreed)
        {
            Judge(ContractClauses.FreedHandOut, PoolClauseChecks.FreedHandOut(Allocator.Area, ptr, $"CPU{holder}", live: false, everAllocated: true));
        }
        // A held or dead element is the ledger's to name (double-hand-out, freed-hand-out).
        if (!Holders.IsHeld(ptr) && Allocator.SizeOf(ptr) is int size)
        {
            Judge(ContractClauses.HandOutContent, PoolClauseChecks.HandOutContent(Allocator.Area, ptr, pool.Parameters, size));
        }
        Holders.HandedOut(ptr, holder, pool.Parameters.ElementSize, pattern);
    }

    /// <summary>The holder lets go of <paramref name="ptr"/>: its pattern is checked, then it is freed with <c>free_percpu</c>.</summary>
    public void Release(PerCpuPtr ptr)
    {
        lock (freeing)
        {
            freeing.Add(ptr);
        }
        Holders.Releasing(ptr);
        Allocator.Free(ptr);
        lock (freeing)
        {
            freeing.Remove(ptr);
        }
    }

    /// <summary>Before <c>percpu_pool_empty</c>: a token for <see cref="EmptyReturned"/>, -1 when another user is at the pool.</summary>
    public long EmptyBegins()
    {
        var alone = Interlocked.Increment(ref inFlight) == 1;
        var token = Interlocked.Increment(ref begins);
        return alone ? token : -1;
    }

    /// <summary>
    /// After <c>percpu_pool_empty</c>: the bound, and <c>empty-post</c> when nobody else was at the pool
    /// from its call until now (<paramref name="token"/> from <see cref="EmptyBegins"/>; -1 skips it).
    /// Sound on a controlled platform, where nothing runs between the return and this check; on real
    /// threads only where the other CPUs are held still.
    /// </summary>
    public void EmptyReturned(long token)
    {
        Volatile.Write(ref lastEmptyReturn, Interlocked.Increment(ref clock));
        Interlocked.Decrement(ref inFlight);
        CheckNrBound("percpu_pool_empty returned");
        if (token < 0 || Volatile.Read(ref begins) != token)
        {
            return;
        }
        var fault = PoolClauseChecks.EmptyPost(
            platform.PendingWorkCount, platform.RunningWorkCount, pool.Count, pool.Elements, Allocator.LiveCount - Holders.Held);
        Judge(ContractClauses.EmptyPost, fault);
    }

    /// <summary><c>nr-bound</c> at an observation of nr (not a scheduling point).</summary>
    public void CheckNrBound(string where)
    {
        var fault = PoolClauseChecks.NrBound(pool.Count, pool.Parameters, LargestTarget);
        if (fault is not null && Rules.Judge(ContractClauses.NrBound, false, true, $"{where}: {fault}") == ClauseVerdict.Broken)
        {
            throw Violation(ContractClauses.NrBound, $"{where}: {fault}");
        }
    }

    /// <summary>At quiescence (the refill has had its chance): conservation, the bound, refill liveness.</summary>
    public void AtQuiescence()
    {
        PoolConservation.Check(pool, Allocator, Holders, Rules);
        CheckNrBound("at quiescence");
        var allocAfterEmpty = Volatile.Read(ref lastAllocCall) > Volatile.Read(ref lastEmptyReturn);
        Judge(ContractClauses.RefillLiveness,
            PoolClauseChecks.RefillLiveness(pool.Count, pool.Parameters.High, allocAfterEmpty, Allocator.LastRequestRefused));
    }

    private void UserBegins()
    {
        Interlocked.Increment(ref inFlight);
        Interlocked.Increment(ref begins);
    }

    private void UserEnds() => Interlocked.Decrement(ref inFlight);

    private void Judge(Clause clause, string? fault)
    {
        if (fault is not null && Rules.Judge(clause, holds: false, fault) == ClauseVerdict.Broken)
        {
            throw Violation(clause, fault);
        }
    }

    private OracleViolationException Violation(Clause clause, string fault) =>
        new(clause.Id, fault,
        [
            $"nr {pool.Count}, inhibit_fill {pool.InhibitFill}, largest fill target {LargestTarget}, high {pool.Parameters.High}",
            $"allocated {Allocator.Allocated}, freed {Allocator.Freed}, live {Allocator.LiveCount}, held {Holders.Held}, work pending {platform.PendingWorkCount}, running {platform.RunningWorkCount}",
        ]);
}
