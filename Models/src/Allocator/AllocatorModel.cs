using System.Collections.Immutable;
using System.Text;

namespace Conformance.Models;

/// <summary>
/// The per-cpu allocator contract as a value: the reserve, the live areas (in the reserve and in the
/// big region) and the seed's <c>first_free</c> hint. Every operation returns a new model.
/// </summary>
/// <remarks>
/// Contract level: the live areas, which the allocator clauses (<c>Conformance.Clauses.AllocatorClauses</c>)
/// are judged against. Strict level: <see cref="FindFirstFit"/> replays the seed's loop (cpu_alloc,
/// Sep 2008) exactly.
/// </remarks>
public sealed class AllocatorModel
{
    /// <summary><c>UNIT_SIZE = sizeof(int)</c>.</summary>
    public const int UnitSize = 4;

    /// <summary>The largest alignment the contract accepts (<c>WARN_ON(align &gt; PAGE_SIZE)</c>).</summary>
    public const int PageSize = 4096;

    private AllocatorModel(int reserveBytes, int bigBytes, int firstFree, ImmutableSortedDictionary<int, LiveArea> live)
    {
        ReserveBytes = reserveBytes;
        BigBytes = bigBytes;
        FirstFree = firstFree;
        Live = live;
    }

    /// <summary>An empty allocator over a reserve of <paramref name="reserveBytes"/> and a big region after it.</summary>
    public static AllocatorModel Create(int reserveBytes, int bigBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reserveBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(bigBytes);
        return new AllocatorModel(reserveBytes, bigBytes, 0, ImmutableSortedDictionary<int, LiveArea>.Empty);
    }

    public int ReserveBytes { get; }

    public int BigBytes { get; }

    /// <summary><c>nr_units = percpu_reserve / UNIT_SIZE</c>.</summary>
    public int NrUnits => ReserveBytes / UnitSize;

    /// <summary>The seed's <c>first_free</c>: the lowest unit the next search starts from.</summary>
    public int FirstFree { get; }

    /// <summary>The live areas by offset.</summary>
    public ImmutableSortedDictionary<int, LiveArea> Live { get; }

    /// <summary>The seed's CPU_BYTES statistic: whole units of the live reserve areas.</summary>
    public long ReserveBytesInUse => Live.Values.Where(a => !a.Big).Sum(a => (long)a.Units * UnitSize);

    /// <summary>Whole units of every live area, the big ones included.</summary>
    public long AllBytesInUse => Live.Values.Sum(a => (long)a.Units * UnitSize);

    /// <summary><c>DIV_ROUND_UP(size, UNIT_SIZE)</c>.</summary>
    public static int SizeToUnits(int size) => (int)(((long)size + UnitSize - 1) / UnitSize);

    /// <summary>The alignment the allocator really honours: <c>max(align, UNIT_SIZE)</c>.</summary>
    public static int EffectiveAlign(int align) => Math.Max(align, UnitSize);

    /// <summary>The documented error for <c>Alloc(size, align)</c>, or <see cref="AllocError.None"/>.</summary>
    public static AllocError CheckRequest(int size, int align)
    {
        if (size < 0)
        {
            return AllocError.NegativeSize;
        }
        if (align <= 0 || (align & (align - 1)) != 0 || align > PageSize)
        {
            return AllocError.BadAlign;
        }
        return AllocError.None;
    }

    /// <summary>The live area a handle frees, if the handle is live.</summary>
    public LiveArea? FindByHandle(long handle) => Live.Values.FirstOrDefault(a => a.Handle == handle);

    /// <summary>
    /// The seed's search, unit for unit: from <c>first_free</c>, the first zero unit that is aligned and
    /// has <c>units</c> zero units from it; <c>first_free</c> moves to the first zero unit found, and past
    /// the block only when the block was found at that first zero unit (so holes below stay reachable).
    /// </summary>
    public FirstFit FindFirstFit(int size, int align)
    {
        var used = UsedUnits();
        var units = SizeToUnits(size);
        var step = EffectiveAlign(align) / UnitSize;
        var firstFree = FirstFree;
        var first = true;
        var start = FirstFree;
        while (true)
        {
            start = NextZero(used, start);
            if (start >= NrUnits)
            {
                return new FirstFit(null, firstFree);
            }
            if (first)
            {
                firstFree = start;
            }
            // find_next_bit(map, nr_units, start + 1) >= start + units: the run is free and inside.
            if (start % step == 0 && NextUsed(used, start + 1) >= start + units)
            {
                break;
            }
            start++;
            first = false;
        }
        if (first)
        {
            firstFree = start + units;
        }
        return new FirstFit(start * UnitSize, firstFree);
    }

    /// <summary>The model after an allocation was handed out at <paramref name="offset"/>.</summary>
    public AllocatorModel Allocated(int offset, int size, int align, bool big, long handle, int? firstFreeAfter = null) =>
        new(ReserveBytes, BigBytes, firstFreeAfter ?? FirstFree, Live.Add(offset, new LiveArea(offset, size, align, big, handle)));

    /// <summary>The model after a failed search that still moved the hint.</summary>
    public AllocatorModel WithFirstFree(int firstFree) => new(ReserveBytes, BigBytes, firstFree, Live);

    /// <summary>
    /// The model after <c>cpu_free</c> of a live area: its units are clear again and <c>first_free</c>
    /// drops to it when it lies below (the rule that makes freed holes reusable).
    /// </summary>
    public AllocatorModel Freed(LiveArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        var firstFree = !area.Big && area.FirstUnit < FirstFree ? area.FirstUnit : FirstFree;
        return new AllocatorModel(ReserveBytes, BigBytes, firstFree, Live.Remove(area.Offset));
    }

    /// <summary>One line per live area, lowest first, and the hint.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append($"reserve {ReserveBytes} bytes ({NrUnits} units), big {BigBytes} bytes, first_free unit {FirstFree}, ");
        sb.Append($"{Live.Count} live, {ReserveBytesInUse} reserve bytes in use");
        foreach (var area in Live.Values)
        {
            sb.Append("\n    ").Append(area);
        }
        sb.Append("\n    map ").Append(MapPicture());
        return sb.ToString();
    }

    /// <summary>The reserve's unit map as text: '#' used, '.' free.</summary>
    public string MapPicture()
    {
        var used = UsedUnits();
        var chars = new char[NrUnits];
        for (var u = 0; u < NrUnits; u++)
        {
            chars[u] = used[u] ? '#' : '.';
        }
        return new string(chars);
    }

    private bool[] UsedUnits()
    {
        var totalUnits = (ReserveBytes + BigBytes + UnitSize - 1) / UnitSize;
        var used = new bool[totalUnits];
        foreach (var area in Live.Values)
        {
            for (var u = area.FirstUnit; u < area.FirstUnit + area.Units && u < totalUnits; u++)
            {
                used[u] = true;
            }
        }
        return used;
    }

    // find_next_zero_bit(map, nr_units, start): nr_units when there is none.
    private int NextZero(bool[] used, int start)
    {
        for (var u = start; u < NrUnits; u++)
        {
            if (!used[u])
            {
                return u;
            }
        }
        return NrUnits;
    }

    // find_next_bit(map, nr_units, start): nr_units when there is none.
    private int NextUsed(bool[] used, int start)
    {
        for (var u = start; u < NrUnits; u++)
        {
            if (used[u])
            {
                return u;
            }
        }
        return NrUnits;
    }
}
