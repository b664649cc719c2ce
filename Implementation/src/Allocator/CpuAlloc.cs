using System.Globalization;
using System.Numerics;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Allocator;

/// <summary>
/// Christoph Lameter's cpu_alloc (Sep 2008) behind Rusty Russell's <c>alloc_percpu</c> API: a bitmap of
/// int-sized units over the per-cpu reserve, a <c>first_free</c> hint, first fit with alignment in
/// units and tight packing (small objects fill the holes aligned ones leave), every CPU's copy zeroed.
/// Large users go to <see cref="AllocBig"/>, a separate first-fit region after the reserve (Rusty's
/// <c>big_percpu_alloc</c>).
/// </summary>
/// <remarks>
/// The bitmap, the hint and the CPU_BYTES count are platform words, read and written under
/// <c>cpu_alloc_map_lock</c> (taken irqsave, as the seed). Each kernel function is a protected virtual
/// method so a variant can change exactly one of them.
/// </remarks>
[Implementation("reference", Description = "cpu_alloc (Lameter, Sep 2008): bitmap of 4-byte units, first_free hint, first fit with tight packing, zeroed on every CPU; big allocations from a separate first-fit region")]
public class CpuAlloc : IPerCpuAllocator
{
    /// <summary><c>UNIT_SIZE</c>: <c>sizeof(int)</c>.</summary>
    public const int UnitSize = 4;

    /// <summary>The largest alignment accepted: a page (the seed's <c>WARN_ON(align &gt; PAGE_SIZE)</c>).</summary>
    public const int PageSize = 4096;

    /// <summary><c>BITS_PER_LONG</c>: the units one map word holds.</summary>
    protected const int BitsPerWord = 64;

    private readonly Word[] map;
    private readonly Dictionary<int, LiveAllocation> live = [];
    private readonly BigPercpuRegion big;

    public CpuAlloc(Platform platform, PerCpuArea area)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(area);
        if (!ReferenceEquals(area.Platform, platform))
        {
            throw new ArgumentException("the per-cpu area belongs to another platform", nameof(area));
        }
        Platform = platform;
        Area = area;
        // cpu_alloc_init: nr_units = percpu_reserve / UNIT_SIZE.
        NrUnits = area.ReserveBytes / UnitSize;
        map = new Word[(NrUnits + BitsPerWord - 1) / BitsPerWord];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = platform.NewWord(string.Create(CultureInfo.InvariantCulture, $"cpu_alloc_map[{i}]"));
        }
        MapLock = platform.NewSpinlock("cpu_alloc_map_lock");
        FirstFreeWord = platform.NewWord("first_free");
        CpuBytes = platform.NewWord("vm_events[CPU_BYTES]");
        big = new BigPercpuRegion(platform, area, CpuBytes);
    }

    public PerCpuArea Area { get; }

    /// <summary>Bytes handed out and not freed, in whole units (the CPU_BYTES event count), big included.</summary>
    public long BytesInUse => CpuBytes.Peek();

    /// <summary><c>nr_units</c>: how many units the reserve holds.</summary>
    public int NrUnits { get; }

    /// <summary>The <c>first_free</c> hint as it stands. Not a scheduling point; for reports and tests.</summary>
    public int FirstFree => (int)FirstFreeWord.Peek();

    protected Platform Platform { get; }

    /// <summary><c>cpu_alloc_map_lock</c>: protects the bitmap, <c>first_free</c> and the table of live allocations.</summary>
    protected Spinlock MapLock { get; }

    /// <summary><c>first_free</c>: every unit below it is in use.</summary>
    protected Word FirstFreeWord { get; }

    /// <summary><c>__count_vm_events(CPU_BYTES, ...)</c>.</summary>
    protected Word CpuBytes { get; }

    /// <summary><c>cpu_alloc(size, __GFP_ZERO, align)</c>: zeroed on every CPU; NULL when the reserve has no fit.</summary>
    public virtual PerCpuPtr Alloc(int size, int align)
    {
        CheckRequest(size, align);
        if (size == 0)
        {
            return PerCpuPtr.ZeroSize;
        }
        var units = SizeToUnits(size);
        // The seed clamps align < UNIT_SIZE to a unit, which also keeps align / UNIT_SIZE from being 0.
        var alignUnits = Math.Max(align, UnitSize) / UnitSize;

        PerCpuPtr ptr;
        var flags = MapLock.LockIrqSave();
        try
        {
            var start = Search(units, alignUnits, out var first);
            if (start < 0)
            {
                return PerCpuPtr.Null;
            }
            FirstFreeAfterAlloc(start, units, first);
            SetMap(start, units);
            CpuBytes.Add((long)units * UnitSize);
            ptr = new PerCpuPtr(UnitOffset(start), Area.NewTag());
            // Marked under the map lock, so a free and a re-allocation of the same units are ordered
            // in the shadow as they are in the bitmap.
            Area.MarkAllocated(ptr.Offset, size, ptr.Tag);
            live[ptr.Offset] = new LiveAllocation(ptr.Offset, units, size, ptr.Tag);
        }
        finally
        {
            MapLock.UnlockIrqRestore(flags);
        }
        ZeroEveryCpu(ptr, size);
        return ptr;
    }

    /// <summary><c>big_percpu_alloc(size, align)</c>: first fit in the region after the reserve, zeroed on every CPU.</summary>
    public virtual PerCpuPtr AllocBig(int size, int align)
    {
        CheckRequest(size, align);
        if (size == 0)
        {
            return PerCpuPtr.ZeroSize;
        }
        var ptr = big.Alloc(size, align);
        if (!ptr.IsNull)
        {
            ZeroEveryCpu(ptr, size);
        }
        return ptr;
    }

    /// <summary>
    /// <c>free_percpu(ptr)</c> (cpu_free without the size argument): NULL and ZERO_SIZE_PTR are no-ops;
    /// anything that is not the start of a live allocation with the same tag is cpu_free's WARN_ON made
    /// an <see cref="InvalidFreeException"/>, and nothing changes.
    /// </summary>
    public virtual void Free(PerCpuPtr ptr)
    {
        if (IsNoOpFree(ptr))
        {
            return;
        }
        if (ptr.Offset >= Area.ReserveBytes && ptr.Offset < Area.TotalBytes)
        {
            big.Free(ptr);
            return;
        }
        var flags = MapLock.LockIrqSave();
        try
        {
            // The seed tests the map bits before taking the lock; the live table is read under it, so
            // two CPUs freeing the same pointer cannot both pass the check.
            var allocation = CpuFreeCheck(ptr);
            var index = allocation.Offset / UnitSize;
            ClearMap(index, allocation.Units);
            CpuBytes.Add(-(long)allocation.Units * UnitSize);
            FirstFreeAfterFree(index);
            ShadowFreed(allocation);
            live.Remove(allocation.Offset);
        }
        finally
        {
            MapLock.UnlockIrqRestore(flags);
        }
    }

    /// <summary>The WARN_ONs on a request, made errors: see <see cref="CheckArguments"/>.</summary>
    protected virtual void CheckRequest(int size, int align) => CheckArguments(size, align);

    /// <summary>The pointers free_percpu ignores: NULL and ZERO_SIZE_PTR.</summary>
    protected virtual bool IsNoOpFree(PerCpuPtr ptr) => ptr.IsNull || ptr.IsZeroSize;

    /// <summary>Unmarks a freed allocation in the area's shadow. Caller holds the map lock.</summary>
    protected virtual void ShadowFreed(LiveAllocation allocation) => Area.MarkFreed(allocation.Offset, allocation.Size, allocation.Tag);

    /// <summary><c>BIT_WORD(unit)</c>: the map word holding a unit.</summary>
    protected virtual int BitWord(int unit) => unit / BitsPerWord;

    /// <summary>The unit that bit <paramref name="bit"/> of map word <paramref name="index"/> stands for, never past <c>nr_units</c>.</summary>
    protected virtual int UnitAt(int index, int bit) => Math.Min(index * BitsPerWord + bit, NrUnits);

    /// <summary>Whether a scan that moved on to map word <paramref name="index"/> has run off the map.</summary>
    protected virtual bool PastLastWord(int index) => index >= map.Length;

    /// <summary>How many of <paramref name="remaining"/> units from bit <paramref name="from"/> lie in the same map word.</summary>
    protected virtual int BitsInWord(int from, int remaining) => Math.Min(BitsPerWord - from, remaining);

    /// <summary>The mask of <paramref name="count"/> bits from bit <paramref name="from"/> of one map word (a whole word when 64).</summary>
    protected virtual ulong RunMask(int from, int count) => (count == BitsPerWord ? ulong.MaxValue : ((1UL << count) - 1)) << from;

    /// <summary><c>size_to_units</c>: <c>DIV_ROUND_UP(size, UNIT_SIZE)</c>.</summary>
    protected virtual int SizeToUnits(int size) => (int)(((long)size + UnitSize - 1) / UnitSize);

    /// <summary>The byte offset of unit <paramref name="unit"/>: <c>(int *)__per_cpu_end + start</c>.</summary>
    protected virtual int UnitOffset(int unit) => unit * UnitSize;

    /// <summary>
    /// The seed's search loop, under the map lock: from <c>first_free</c>, each free unit in turn until
    /// one is aligned and followed by <paramref name="units"/> free units. The first free unit seen
    /// becomes <c>first_free</c>; <paramref name="first"/> says whether the fit was that unit. Returns
    /// the starting unit, or -1 when the reserve has no fit.
    /// </summary>
    protected virtual int Search(int units, int alignUnits, out bool first)
    {
        first = true;
        var start = (int)FirstFreeWord.Read();
        while (true)
        {
            start = FindNextZeroBit(start);
            if (start >= NrUnits)
            {
                return -1;
            }
            if (first)
            {
                FirstFreeWord.Write(start);
            }
            if (FitsAt(start, units, alignUnits))
            {
                break;
            }
            start++;
            first = false;
        }
        // The seed follows the loop with 'if (start + units > nr_units) goto out_of_memory;'. It never
        // fires: the fit test's find_next_bit is bounded by nr_units, so a run that hangs over the end of
        // the reserve never fits. The fit test alone keeps allocations inside (see FitsAt).
        return start;
    }

    /// <summary>
    /// The seed's fit test: <c>start % (align / UNIT_SIZE) == 0 &amp;&amp;
    /// find_next_bit(map, nr_units, start + 1) &gt;= start + units</c>. find_next_bit returns nr_units when
    /// no unit after <paramref name="start"/> is used, so a run that would end past the reserve fails it.
    /// </summary>
    protected virtual bool FitsAt(int start, int units, int alignUnits) =>
        start % alignUnits == 0 && FindNextBit(start + 1) >= (long)start + units;

    /// <summary><c>if (first) first_free = start + units;</c>: the hint moves past a block only when it was at the hint.</summary>
    protected virtual void FirstFreeAfterAlloc(int start, int units, bool first)
    {
        if (first)
        {
            FirstFreeWord.Write(start + units);
        }
    }

    /// <summary><c>if (index &lt; first_free) first_free = index;</c> in cpu_free.</summary>
    protected virtual void FirstFreeAfterFree(int index)
    {
        if (index < FirstFreeWord.Read())
        {
            FirstFreeWord.Write(index);
        }
    }

    /// <summary><c>set_map(start, length)</c>: marks the units used. Caller holds the map lock.</summary>
    protected virtual void SetMap(int start, int length) => UpdateMap(start, length, set: true);

    /// <summary><c>clear_map(start, length)</c>: marks the units free. Caller holds the map lock.</summary>
    protected virtual void ClearMap(int start, int length) => UpdateMap(start, length, set: false);

    /// <summary>
    /// <c>for_each_possible_cpu(cpu) memset(CPU_PTR(ptr, cpu), 0, size)</c>: outside the lock, as the seed.
    /// </summary>
    protected virtual void ZeroEveryCpu(PerCpuPtr ptr, int size)
    {
        for (var cpu = 0; cpu < Platform.CpuCount; cpu++)
        {
            Area.Fill(ptr, cpu, 0, size, 0);
        }
    }

    /// <summary>
    /// cpu_free's sanity checks (its WARN_ONs): the live allocation <paramref name="ptr"/> is the start
    /// of, or an <see cref="InvalidFreeException"/>. Caller holds the map lock; nothing is changed.
    /// </summary>
    protected virtual LiveAllocation CpuFreeCheck(PerCpuPtr ptr)
    {
        if (ptr.Offset < 0 || ptr.Offset >= NrUnits * UnitSize)
        {
            throw new InvalidFreeException(
                $"free_percpu({ptr}): offset 0x{ptr.Offset:x} is outside this allocator's area (0x{Area.TotalBytes:x} bytes)");
        }
        if (TryGetLive(ptr.Offset, out var allocation))
        {
            if (allocation.Tag != ptr.Tag)
            {
                throw new InvalidFreeException(
                    $"free_percpu({ptr}): the live allocation at 0x{ptr.Offset:x} is #{allocation.Tag}, not #{ptr.Tag} (a stale pointer freed again after its units were re-used)");
            }
            return allocation;
        }
        var owner = Area.OwnerOf(ptr.Offset);
        throw new InvalidFreeException(owner != 0
            ? $"free_percpu({ptr}): 0x{ptr.Offset:x} is inside live allocation #{owner}, not its start"
            : $"free_percpu({ptr}): nothing is allocated at 0x{ptr.Offset:x} (double free, or never allocated)");
    }

    /// <summary>The live allocation that starts at byte <paramref name="offset"/>, if any. Caller holds the map lock.</summary>
    protected bool TryGetLive(int offset, out LiveAllocation allocation) => live.TryGetValue(offset, out allocation);

    /// <summary><c>find_next_zero_bit(cpu_alloc_map, nr_units, start)</c>.</summary>
    protected int FindNextZeroBit(int start) => FindNext(start, zero: true);

    /// <summary><c>find_next_bit(cpu_alloc_map, nr_units, start)</c>.</summary>
    protected int FindNextBit(int start) => FindNext(start, zero: false);

    /// <summary>How many words <c>cpu_alloc_map</c> has.</summary>
    protected int MapWordCount => map.Length;

    /// <summary>Word <paramref name="index"/> of <c>cpu_alloc_map</c>.</summary>
    protected Word MapWord(int index) => map[index];

    /// <summary>The live allocations by byte offset. Caller holds the map lock.</summary>
    protected IDictionary<int, LiveAllocation> LiveTable => live;

    /// <summary><c>big_percpu_alloc</c>'s region: first fit, not zeroed.</summary>
    protected PerCpuPtr BigAlloc(int size, int align) => big.Alloc(size, align);

    /// <summary>The big region's free, with its own checks.</summary>
    protected void BigFree(PerCpuPtr ptr) => big.Free(ptr);

    /// <summary>Rejects bad input before anything changes: a negative size, an alignment that is not a power of two or above a page.</summary>
    protected internal static void CheckArguments(int size, int align)
    {
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "a per-cpu allocation has a size of 0 or more bytes");
        }
        if (align <= 0 || (align & (align - 1)) != 0)
        {
            throw new ArgumentException($"alignment {align} is not a power of two", nameof(align));
        }
        if (align > PageSize)
        {
            throw new ArgumentException($"alignment {align} is above a page ({PageSize} bytes)", nameof(align));
        }
    }

    /// <summary><c>find_next_bit</c> / <c>find_next_zero_bit</c> over the map words. Caller holds the map lock.</summary>
    protected virtual int FindNext(int start, bool zero)
    {
        if (start >= NrUnits)
        {
            return NrUnits;
        }
        var index = BitWord(start);
        var bits = WordBits(index, zero) & (ulong.MaxValue << (start % BitsPerWord));
        while (bits == 0)
        {
            if (PastLastWord(++index))
            {
                return NrUnits;
            }
            bits = WordBits(index, zero);
        }
        return UnitAt(index, BitOperations.TrailingZeroCount(bits));
    }

    /// <summary>Map word <paramref name="index"/>, inverted when looking for a zero bit.</summary>
    protected ulong WordBits(int index, bool zero)
    {
        var bits = (ulong)map[index].Read();
        return zero ? ~bits : bits;
    }

    // __set_bit / __clear_bit one unit at a time in the seed; here one read and one write per map word.
    protected virtual void UpdateMap(int start, int length, bool set)
    {
        var end = start + length;
        while (start < end)
        {
            var index = BitWord(start);
            var from = start % BitsPerWord;
            var count = BitsInWord(from, end - start);
            var mask = RunMask(from, count);
            var word = map[index];
            var old = (ulong)word.Read();
            word.Write((long)(set ? old | mask : old & ~mask));
            start += count;
        }
    }
}
