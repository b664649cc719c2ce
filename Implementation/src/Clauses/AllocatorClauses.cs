using Conformance.Contracts;
using Conformance.Memory;

namespace Conformance.Clauses;

/// <summary>
/// The allocator clauses as predicates, each written once: the properties, exploration and stress
/// evaluate them on what they observe and judge the answer through a <see cref="RuleBook"/>. Pure:
/// they read what they are given (and the area's shadow, which is not a scheduling point).
/// </summary>
public static class AllocatorClauses
{
    /// <summary><c>UNIT_SIZE</c>: the granule of the reserve.</summary>
    public const int UnitSize = 4;

    /// <summary>The largest alignment the contract accepts.</summary>
    public const int PageSize = 4096;

    /// <summary><c>DIV_ROUND_UP(size, UNIT_SIZE)</c>.</summary>
    public static int Units(int size) => (int)(((long)size + UnitSize - 1) / UnitSize);

    /// <summary>The alignment a hand-out must have: <c>max(align, 4)</c>.</summary>
    public static int EffectiveAlign(int align) => Math.Max(align, UnitSize);

    /// <summary>The bytes an allocation may come from: the reserve's whole units, or the big region after the reserve.</summary>
    public static (int Low, int High) Region(int reserveBytes, int bigBytes, bool big) =>
        big ? (reserveBytes, reserveBytes + bigBytes) : (0, reserveBytes / UnitSize * UnitSize);

    // ---- placement -------------------------------------------------------------------------------

    /// <summary><c>placement</c>: null when <paramref name="size"/> bytes at <paramref name="offset"/> are aligned and inside [low, high); otherwise why not.</summary>
    public static string? Placement(int offset, int size, int align, (int Low, int High) region, bool big)
    {
        if (offset < region.Low || (long)offset + size > region.High)
        {
            return $"0x{offset:x}+{size} is outside the {(big ? "big region" : "reserve")} [0x{region.Low:x}, 0x{region.High:x})";
        }
        return offset % EffectiveAlign(align) != 0 ? $"0x{offset:x} is not aligned to {EffectiveAlign(align)}" : null;
    }

    // ---- overlap ---------------------------------------------------------------------------------

    /// <summary>Whether two byte ranges share a byte.</summary>
    public static bool Overlaps(int offset, int size, int otherOffset, int otherSize) =>
        offset < (long)otherOffset + otherSize && otherOffset < (long)offset + size;

    /// <summary><c>overlap</c>: the first of <paramref name="live"/> sharing a byte with the hand-out, or null when none does.</summary>
    public static TLive? FirstOverlap<TLive>(int offset, int size, IEnumerable<TLive> live, Func<TLive, (int Offset, int Size)> bytes)
        where TLive : class
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(bytes);
        return live.FirstOrDefault(l => bytes(l) is var (o, s) && Overlaps(offset, size, o, s));
    }

    // ---- zeroed ----------------------------------------------------------------------------------

    /// <summary><c>zeroed</c>: the index of the first byte that is not zero, or -1.</summary>
    public static int FirstNonZero(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((byte)0);

    // ---- null-only-when-full ---------------------------------------------------------------------

    /// <summary>
    /// <c>null-only-when-full</c>: the lowest start of a run of <c>Units(size)</c> units in
    /// <paramref name="region"/>, aligned to <c>max(align, 4)</c>, that shares no unit with any of
    /// <paramref name="occupied"/>; null when there is none, so a NULL was allowed. Sequentially
    /// <paramref name="occupied"/> is what is live at the call; under concurrency it is every
    /// allocation live at any moment of the call, which makes a run found here free for the whole call.
    /// </summary>
    public static int? FreeRun(int size, int align, (int Low, int High) region, IEnumerable<(int Offset, int Size)> occupied)
    {
        ArgumentNullException.ThrowIfNull(occupied);
        var lowUnit = region.Low / UnitSize;
        var highUnit = region.High / UnitSize;
        if (highUnit <= lowUnit)
        {
            return null;
        }
        var used = new bool[highUnit - lowUnit];
        foreach (var (offset, bytes) in occupied)
        {
            var from = Math.Max(offset / UnitSize, lowUnit);
            var to = Math.Min((int)(((long)offset + bytes + UnitSize - 1) / UnitSize), highUnit);
            for (var u = from; u < to; u++)
            {
                used[u - lowUnit] = true;
            }
        }
        var units = Units(size);
        var step = EffectiveAlign(align) / UnitSize;
        for (var start = (lowUnit + step - 1) / step * step; start + units <= highUnit; start += step)
        {
            if (Array.IndexOf(used, true, start - lowUnit, units) < 0)
            {
                return start * UnitSize;
            }
        }
        return null;
    }

    // ---- zero-size -------------------------------------------------------------------------------

    /// <summary><c>zero-size</c> on an allocation: size 0 gives ZERO_SIZE_PTR, any other size never does.</summary>
    public static bool ZeroSizeHolds(int size, PerCpuPtr result) => (size == 0) == result.IsZeroSize;

    /// <summary>The pointers whose free must do nothing: NULL and ZERO_SIZE_PTR.</summary>
    public static bool IsNoOpFree(PerCpuPtr ptr) => ptr.IsNull || ptr.IsZeroSize;

    // ---- bad-input -------------------------------------------------------------------------------

    /// <summary>The exception the contract requires of a request, or null when the request is valid.</summary>
    public static Type? RequiredRefusal(int size, int align) =>
        size < 0 ? typeof(ArgumentOutOfRangeException)
        : align <= 0 || (align & (align - 1)) != 0 || align > PageSize ? typeof(ArgumentException)
        : null;

    /// <summary><c>bad-input</c>: whether <paramref name="thrown"/> is the refusal required (none when <paramref name="required"/> is null).</summary>
    public static bool RefusedAsRequired(Type? required, Exception? thrown) =>
        required is null ? thrown is null
        : required == typeof(ArgumentException) ? thrown is ArgumentException and not ArgumentOutOfRangeException and not InvalidFreeException
        : required.IsInstanceOfType(thrown);

    // ---- shadow ----------------------------------------------------------------------------------

    /// <summary><c>shadow</c> after a hand-out: the first of its bytes the shadow does not give to it, or -1.</summary>
    public static int FirstUnmarked(PerCpuArea area, PerCpuPtr ptr, int size)
    {
        ArgumentNullException.ThrowIfNull(area);
        for (var i = 0; i < size; i++)
        {
            if (ptr.Offset + i >= area.TotalBytes || area.OwnerOf(ptr.Offset + i) != ptr.Tag)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary><c>shadow</c> after a free: the first of its bytes the shadow still gives to the freed allocation, or -1.</summary>
    public static int FirstStillMarked(PerCpuArea area, PerCpuPtr ptr, int size)
    {
        ArgumentNullException.ThrowIfNull(area);
        for (var i = 0; i < size && ptr.Offset + i < area.TotalBytes; i++)
        {
            if (area.OwnerOf(ptr.Offset + i) == ptr.Tag)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// The clause a shadow report raised while the allocator marked the shadow is evidence against: a
    /// hand-out over bytes the shadow gives to an allocation already freed means the free left its
    /// marks (<c>shadow</c>), not that two live allocations overlap.
    /// </summary>
    public static Clause? ClauseOf(ShadowViolationException report, Func<int, bool> wasFreed)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(wasFreed);
        return report.Clause == ContractClauses.Overlap && report.Owner != 0 && wasFreed(report.Owner) ? ContractClauses.Shadow : report.Clause;
    }
}
