using System.Buffers.Binary;

namespace Conformance.Benchmarks;

/// <summary>
/// The reference percpu_pool's algorithm written once more on raw .NET primitives, as the yardstick for
/// what the platform costs: <c>head</c>, <c>nr</c> and <c>inhibit_fill</c> read and written with
/// <see cref="Volatile"/> under a compare-and-swap spinlock (the lock algorithm the platform's spinlock
/// uses, without the platform), the chain through <see cref="PoolCpu"/>'s copy of each element in a plain
/// byte array per CPU, the same refill test, and a fill work item on the thread pool, queued once while
/// pending. No interrupts to disable, no scheduling points, no shadow checks. Elements come from a bump
/// allocator over the arrays that never takes them back: the pool's own paths are what is compared.
/// Element pointers are byte offsets; offset 0 is never handed out, so 0 is NULL.
/// </summary>
public sealed class RawPercpuPool
{
    /// <summary>The chain link each element carries, as in the reference.</summary>
    public const int LinkSize = 8;

    /// <summary>The CPU whose copy of each element holds the link: the first possible one.</summary>
    public const int PoolCpu = 0;

    private readonly byte[][] memory;
    private readonly int elemSize;
    private readonly int elemAlign;
    private readonly int low;
    private readonly int high;

    private int lockWord;
    private long head;
    private long nr;
    private int inhibitFill;
    private int fillPending;
    private int nextFree;

    public RawPercpuPool(int cpuCount, int elementSize, int elementAlign, int low, int high, int bytesPerCpu)
    {
        memory = new byte[cpuCount][];
        for (var cpu = 0; cpu < cpuCount; cpu++)
        {
            memory[cpu] = new byte[bytesPerCpu];
        }
        elemSize = Math.Max(elementSize, LinkSize);
        elemAlign = Math.Max(elementAlign, LinkSize);
        this.low = low;
        this.high = high;
        nextFree = elemAlign;
    }

    /// <summary><c>pool-&gt;nr</c>.</summary>
    public int Count => (int)Volatile.Read(ref nr);

    /// <summary>percpu_pool_alloc: pops the head (0 when empty), schedules the refill as the reference does.</summary>
    public long Alloc()
    {
        Lock();
        var p = Volatile.Read(ref head);
        if (p != 0)
        {
            Volatile.Write(ref head, ReadNextp(p));
            WriteNextp(p, 0);
            Volatile.Write(ref nr, Volatile.Read(ref nr) - 1);
        }
        if (ShouldFill(Volatile.Read(ref nr)))
        {
            Volatile.Write(ref inhibitFill, 0);
            ScheduleFill();
        }
        Unlock();
        return p;
    }

    /// <summary>percpu_pool_fill: allocates what is missing outside the lock, then splices it on.</summary>
    public void Fill(int targetNr)
    {
        var target = targetNr != 0 ? targetNr : high;
        var missing = Math.Max(target - (int)Volatile.Read(ref nr), 0);
        var got = AllocElems(missing, out var chainHead, out var tail);
        FillSplice(target, got, chainHead, tail);
    }

    /// <summary>
    /// The locked part of percpu_pool_fill: the chain goes in front of the pool's, and
    /// <c>inhibit_fill = target_nr &lt; nr_low</c>.
    /// </summary>
    public void FillSplice(int targetNr, int count, long chainHead, long tail)
    {
        Lock();
        if (count != 0)
        {
            WriteNextp(tail, Volatile.Read(ref head));
            Volatile.Write(ref head, chainHead);
            Volatile.Write(ref nr, Volatile.Read(ref nr) + count);
        }
        Volatile.Write(ref inhibitFill, targetNr < low ? 1 : 0);
        Unlock();
    }

    private bool ShouldFill(long count) => count == 0 || (Volatile.Read(ref inhibitFill) == 0 && count < low);

    private void ScheduleFill()
    {
        // schedule_work: queued once while pending.
        if (Interlocked.Exchange(ref fillPending, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static pool => pool.FillWorkFn(), this, preferLocal: false);
        }
    }

    private void FillWorkFn()
    {
        // Pending is cleared before the function runs, as the platform's (and the kernel's) work queue does.
        Volatile.Write(ref fillPending, 0);
        Fill(0);
    }

    private int AllocElems(int count, out long chainHead, out long tail)
    {
        chainHead = 0;
        tail = 0;
        int i;
        for (i = 0; i < count; i++)
        {
            var p = AllocElem();
            if (p == 0)
            {
                break;
            }
            if (tail == 0)
            {
                tail = p;
            }
            if (chainHead != 0)
            {
                WriteNextp(p, chainHead);
            }
            chainHead = p;
        }
        return i;
    }

    // A bump allocator: the next aligned slot, 0 when the arrays are full.
    private long AllocElem()
    {
        while (true)
        {
            var at = Volatile.Read(ref nextFree);
            var end = at + elemSize;
            var next = (end + elemAlign - 1) & -elemAlign;
            if (end > memory[PoolCpu].Length)
            {
                return 0;
            }
            if (Interlocked.CompareExchange(ref nextFree, next, at) == at)
            {
                return at;
            }
        }
    }

    private void Lock()
    {
        if (Interlocked.CompareExchange(ref lockWord, 1, 0) == 0)
        {
            return;
        }
        var spinner = new SpinWait();
        do
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        while (Volatile.Read(ref lockWord) != 0 || Interlocked.CompareExchange(ref lockWord, 1, 0) != 0);
    }

    private void Unlock() => Volatile.Write(ref lockWord, 0);

    private long ReadNextp(long p) => BinaryPrimitives.ReadInt64LittleEndian(memory[PoolCpu].AsSpan((int)p, LinkSize));

    private void WriteNextp(long p, long next) => BinaryPrimitives.WriteInt64LittleEndian(memory[PoolCpu].AsSpan((int)p, LinkSize), next);
}
