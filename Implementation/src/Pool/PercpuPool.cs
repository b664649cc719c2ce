using System.Buffers.Binary;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Pool;

/// <summary>
/// Tejun Heo's <c>percpu_pool</c> ("[PATCH 1/2] percpu: implement percpu_pool", Jul 2014): per-cpu areas
/// allocated ahead of time and chained through one CPU's copy, handed out from any context under a
/// spinlock, refilled to the high watermark by a work item when the pool runs low.
/// </summary>
/// <remarks>
/// <c>nr</c>, <c>head</c> and <c>inhibit_fill</c> are platform words under <c>pool-&gt;lock</c>; the chain
/// links are 64-bit raw pointers in the chosen CPU's copy of each element. Each kernel function is a
/// protected virtual method so a variant can change exactly one of them.
/// </remarks>
[Implementation("reference", Description = "percpu_pool (Heo, Jul 2014): spinlocked chain through one CPU's copy, low/high watermarks, inhibit_fill, asynchronous fill work",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public class PercpuPool : IPercpuPool
{
    /// <summary><c>sizeof(void __percpu *)</c> and its alignment: each element carries the chain link.</summary>
    public const int LinkSize = 8;

    public PercpuPool(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(allocator);
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.Validate();
        if (!ReferenceEquals(allocator.Area.Platform, platform))
        {
            throw new ArgumentException("the allocator serves another platform's per-cpu area", nameof(allocator));
        }
        Platform = platform;
        Allocator = allocator;
        Area = allocator.Area;
        // pcpu_pool_alloc_elems: "each elem should be able to carry a pointer to allow chaining".
        ElemSize = Math.Max(parameters.ElementSize, LinkSize);
        ElemAlign = Math.Max(parameters.ElementAlign, LinkSize);
        // pcpu_pool_nextp: cpumask_any(cpu_possible_mask), the first possible CPU.
        PcpuPoolCpu = CpuMask.All(platform.CpuCount).First;
        Lock = platform.NewSpinlock("pool->lock");
        Nr = platform.NewWord("pool->nr");
        Head = platform.NewWord("pool->head");
        InhibitFillWord = platform.NewWord("pool->inhibit_fill");
        FillWork = platform.NewWork("pool->fill_work", FillWorkFn);
    }

    public PoolParameters Parameters { get; }

    /// <summary><c>pool-&gt;nr</c>. Not a scheduling point.</summary>
    public int Count => (int)Nr.Peek();

    /// <summary><c>pool-&gt;inhibit_fill</c>. Not a scheduling point.</summary>
    public bool InhibitFill => InhibitFillWord.Peek() != 0;

    /// <summary>The element size the allocator is asked for: at least a link.</summary>
    public int ElemSize { get; }

    /// <summary>The element alignment the allocator is asked for: at least a link's.</summary>
    public int ElemAlign { get; }

    protected Platform Platform { get; }

    protected IPerCpuAllocator Allocator { get; }

    protected PerCpuArea Area { get; }

    /// <summary><c>pcpu_pool_cpu</c>: the CPU whose copy of each element holds the chain link.</summary>
    protected int PcpuPoolCpu { get; }

    /// <summary><c>pool-&gt;lock</c>.</summary>
    protected Spinlock Lock { get; }

    /// <summary><c>pool-&gt;nr</c>.</summary>
    protected Word Nr { get; }

    /// <summary><c>pool-&gt;head</c>: a raw <see cref="PerCpuPtr"/>, 0 for NULL.</summary>
    protected Word Head { get; }

    /// <summary><c>pool-&gt;inhibit_fill</c>: 1 or 0.</summary>
    protected Word InhibitFillWord { get; }

    /// <summary><c>pool-&gt;fill_work</c>.</summary>
    protected Work FillWork { get; }

    /// <summary>
    /// <c>percpu_pool_fill(pool, target_nr)</c>: 0 means the high watermark. Allocates what is missing
    /// outside the lock (reading <c>pool-&gt;nr</c> unlocked, as the seed), then splices it on. A target
    /// below the low watermark inhibits automatic refill until the pool runs empty. Process context.
    /// </summary>
    public virtual void Fill(int targetNr)
    {
        var target = targetNr != 0 ? targetNr : Parameters.High;
        var nr = Math.Max(target - (int)Nr.Read(), 0);
        nr = AllocElems(nr, out var head, out var tail);
        FillSplice(target, nr, head, tail);
    }

    /// <summary>
    /// <c>percpu_pool_empty(pool)</c>: cancels the fill work and waits for a running one, takes the whole
    /// chain under the lock, then frees every element. Process context.
    /// </summary>
    public virtual void Empty()
    {
        FillWork.CancelSync();

        var flags = Lock.LockIrqSave();
        var head = PerCpuPtr.FromRaw(Head.Read());
        Head.Write(PerCpuPtr.Null.ToRaw());
        Nr.Write(0);
        Lock.UnlockIrqRestore(flags);

        while (!head.IsNull)
        {
            var p = head;
            head = ReadNextp(p);
            Allocator.Free(p);
        }
    }

    /// <summary>
    /// <c>percpu_pool_alloc(pool)</c>: any context. Pops the head (NULL when empty) and schedules the
    /// fill work when the pool is left empty, or below the low watermark while refill is not inhibited.
    /// </summary>
    public virtual PerCpuPtr Alloc()
    {
        var flags = Lock.LockIrqSave();

        var p = PerCpuPtr.FromRaw(Head.Read());
        if (!p.IsNull)
        {
            Head.Write(ReadNextp(p).ToRaw());
            WriteNextp(p, PerCpuPtr.Null);
            Nr.Write(Nr.Read() - 1);
        }

        if (ShouldFill(Nr.Read()))
        {
            InhibitFillWord.Write(0);
            FillWork.Schedule();
        }

        Lock.UnlockIrqRestore(flags);
        return p;
    }

    /// <summary>The elements the pool holds, head first. At quiescence only: reads without scheduling points.</summary>
    public IReadOnlyList<PerCpuPtr> Elements()
    {
        var elements = new List<PerCpuPtr>();
        var p = PerCpuPtr.FromRaw(Head.Peek());
        while (!p.IsNull && elements.Count <= Nr.Peek())
        {
            elements.Add(p);
            p = PerCpuPtr.FromRaw(BinaryPrimitives.ReadInt64LittleEndian(Area.Snapshot(p, PcpuPoolCpu, LinkSize)));
        }
        return elements;
    }

    /// <summary>
    /// The refill condition in percpu_pool_alloc, with the lock held:
    /// <c>!pool-&gt;nr || (!pool-&gt;inhibit_fill &amp;&amp; pool-&gt;nr &lt; pool-&gt;nr_low)</c>.
    /// </summary>
    protected virtual bool ShouldFill(long nr) =>
        nr == 0 || (InhibitFillWord.Read() == 0 && nr < Parameters.Low);

    /// <summary>
    /// <c>pcpu_pool_alloc_elems</c>: allocates up to <paramref name="nr"/> elements, each linked to the
    /// one before, so the last allocated is the head and the first the tail. Returns how many it got
    /// (fewer when the allocator runs out).
    /// </summary>
    protected virtual int AllocElems(int nr, out PerCpuPtr head, out PerCpuPtr tail)
    {
        head = PerCpuPtr.Null;
        tail = PerCpuPtr.Null;
        int i;
        for (i = 0; i < nr; i++)
        {
            var p = Allocator.Alloc(ElemSize, ElemAlign);
            if (p.IsNull)
            {
                break;
            }
            if (tail.IsNull)
            {
                tail = p;
            }
            if (!head.IsNull)
            {
                WriteNextp(p, head);
            }
            head = p;
        }
        return i;
    }

    /// <summary>
    /// The locked part of percpu_pool_fill (<c>spin_lock_irq</c>): the new chain goes in front of the
    /// pool's, and <c>inhibit_fill = target_nr &lt; nr_low</c>.
    /// </summary>
    protected virtual void FillSplice(int targetNr, int nr, PerCpuPtr head, PerCpuPtr tail)
    {
        Lock.LockIrq();
        if (nr != 0)
        {
            WriteNextp(tail, PerCpuPtr.FromRaw(Head.Read()));
            Head.Write(head.ToRaw());
            Nr.Write(Nr.Read() + nr);
        }
        InhibitFillWord.Write(targetNr < Parameters.Low ? 1 : 0);
        Lock.UnlockIrq();
    }

    /// <summary><c>__pcpu_pool_fill_workfn</c>: fills to the high watermark.</summary>
    protected virtual void FillWorkFn() => Fill(0);

    /// <summary><c>*pcpu_pool_nextp(p)</c> read: the link in <see cref="PcpuPoolCpu"/>'s copy of <paramref name="p"/>.</summary>
    protected virtual PerCpuPtr ReadNextp(PerCpuPtr p) => PerCpuPtr.FromRaw(Area.ReadInt64(p, PcpuPoolCpu));

    /// <summary><c>*pcpu_pool_nextp(p) = next</c>.</summary>
    protected virtual void WriteNextp(PerCpuPtr p, PerCpuPtr next) => Area.WriteInt64(p, PcpuPoolCpu, 0, next.ToRaw());
}
