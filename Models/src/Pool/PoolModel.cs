using System.Collections.Immutable;
using System.Text;

namespace Conformance.Models;

/// <summary>
/// Tejun Heo's percpu_pool as a value: the elements in the pool (head first, by offset), the
/// watermarks, <c>inhibit_fill</c>, whether the refill work is pending, the elements callers hold,
/// how many were freed, the largest fill target asked, and the allocator the pool fills from (so the
/// model knows when filling runs out of space).
/// </summary>
/// <remarks>
/// The transitions are the seed's functions: <see cref="Alloc"/> is <c>percpu_pool_alloc</c>,
/// <see cref="Fill"/> <c>percpu_pool_fill</c>, <see cref="Empty"/> <c>percpu_pool_empty</c>,
/// <see cref="RunRefill"/> the work function. Elements are named by their offset in the
/// per-cpu area, which is unique among live allocations.
/// </remarks>
public sealed record PoolModel(
    PoolShape Shape,
    ImmutableList<int> InPool,
    bool InhibitFill,
    bool RefillPending,
    ImmutableHashSet<int> Held,
    int Freed,
    int AllocatedEver,
    int LargestTarget,
    AllocatorModel Backing)
{
    /// <summary>A pool that starts empty ("the first allocation will fail and trigger filling").</summary>
    public static PoolModel Create(PoolShape shape, AllocatorModel backing)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(backing);
        return new PoolModel(shape, [], false, false, [], 0, 0, 0, backing);
    }

    /// <summary><c>pool-&gt;nr</c>.</summary>
    public int Count => InPool.Count;

    /// <summary>The most elements the pool may ever hold: the largest target asked, the high watermark once a refill ran.</summary>
    public int Bound => LargestTarget;

    /// <summary>Conservation: every element ever allocated is in the pool, held, or freed.</summary>
    public bool Conserved => AllocatedEver == Count + Held.Count + Freed;

    /// <summary>
    /// <c>percpu_pool_alloc</c>: pops the head; schedules the refill when the pool is left empty, or is
    /// below the low watermark while <c>inhibit_fill</c> is clear, and clears <c>inhibit_fill</c> then.
    /// </summary>
    public (PoolModel Next, int? Element, bool Scheduled) Alloc()
    {
        int? element = InPool.IsEmpty ? null : InPool[0];
        var inPool = InPool.IsEmpty ? InPool : InPool.RemoveAt(0);
        var scheduled = inPool.Count == 0 || (!InhibitFill && inPool.Count < Shape.Low);
        var next = this with
        {
            InPool = inPool,
            Held = element is int e ? Held.Add(e) : Held,
            InhibitFill = scheduled ? false : InhibitFill,
            RefillPending = RefillPending || scheduled,
        };
        return (next, element, scheduled);
    }

    /// <summary>
    /// <c>percpu_pool_fill(pool, target)</c>: allocates up to <c>target - nr</c> elements, stopping at the
    /// first failure; the new chain goes in front (the last one allocated is the new head); then
    /// <c>inhibit_fill = target &lt; nr_low</c>. Target 0 means the high watermark.
    /// </summary>
    public (PoolModel Next, int Allocated, bool AllocatorFailed) Fill(int target)
    {
        var effective = target == 0 ? Shape.High : target;
        var wanted = Math.Max(effective - Count, 0);
        var backing = Backing;
        var fresh = new List<int>();
        var failed = false;
        for (var i = 0; i < wanted; i++)
        {
            var fit = backing.FindFirstFit(Shape.AllocSize, Shape.AllocAlign);
            if (fit.Offset is not int offset)
            {
                backing = backing.WithFirstFree(fit.FirstFreeAfter);
                failed = true;
                break;
            }
            backing = backing.Allocated(offset, Shape.AllocSize, Shape.AllocAlign, false, offset, fit.FirstFreeAfter);
            fresh.Add(offset);
        }
        fresh.Reverse();
        var next = this with
        {
            InPool = InPool.InsertRange(0, fresh),
            InhibitFill = effective < Shape.Low,
            AllocatedEver = AllocatedEver + fresh.Count,
            LargestTarget = Math.Max(LargestTarget, effective),
            Backing = backing,
        };
        return (next, fresh.Count, failed);
    }

    /// <summary><c>percpu_pool_empty</c>: cancels the refill, frees every element; <c>inhibit_fill</c> is untouched.</summary>
    public PoolModel Empty()
    {
        var backing = Backing;
        foreach (var element in InPool)
        {
            backing = backing.Freed(backing.Live[element]);
        }
        return this with { InPool = [], RefillPending = false, Freed = Freed + Count, Backing = backing };
    }

    /// <summary>The refill work, if pending: <c>percpu_pool_fill(pool, 0)</c>. Returns this model when nothing is pending.</summary>
    public (PoolModel Next, bool Ran) RunRefill() =>
        RefillPending ? ((this with { RefillPending = false }).Fill(0).Next, true) : (this, false);

    /// <summary>A holder frees its element with <c>free_percpu</c>: it never comes back to the pool.</summary>
    public PoolModel FreeHeld(int element)
    {
        if (!Held.Contains(element))
        {
            throw new ArgumentException($"element 0x{element:x} is not held", nameof(element));
        }
        return this with { Held = Held.Remove(element), Freed = Freed + 1, Backing = Backing.Freed(Backing.Live[element]) };
    }

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append($"pool size {Shape.ElementSize} align {Shape.ElementAlign} low {Shape.Low} high {Shape.High}: ");
        sb.Append($"nr {Count} [{string.Join(", ", InPool.Select(e => $"0x{e:x}"))}], inhibit_fill {InhibitFill}, refill pending {RefillPending}, ");
        sb.Append($"held {{{string.Join(", ", Held.Order().Select(e => $"0x{e:x}"))}}}, freed {Freed}, allocated {AllocatedEver}, largest target {LargestTarget}");
        sb.Append("\n    allocator: ").Append(Backing.Describe().Replace("\n", "\n    ", StringComparison.Ordinal));
        return sb.ToString();
    }
}
