using System.Globalization;
using Conformance.Contracts;
using Conformance.Memory;

namespace Conformance.Clauses;

/// <summary>
/// The percpu_pool's clauses as predicates, each written once and used by every check that evaluates
/// it (the properties, exploration, stress). Each returns null when the clause holds at the observation
/// the caller made, or what broke it; the caller judges that through its <see cref="RuleBook"/> and
/// turns a broken clause into its own kind of failure. Pure: they read only what they are given (and,
/// for bytes, the area without scheduling points).
/// </summary>
public static class PoolClauseChecks
{
    /// <summary>The most <c>nr</c> may be under the kernel's reading: the high watermark or the largest fill target asked so far.</summary>
    public static int NrBound(PoolParameters parameters, int largestTarget)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Math.Max(parameters.High, largestTarget);
    }

    /// <summary><c>nr-bound</c>, kernel reading: the seed's overlapping fills may break it, which its reading tolerates.</summary>
    public static string? NrBound(int count, PoolParameters parameters, int largestTarget)
    {
        var bound = NrBound(parameters, largestTarget);
        return count <= bound ? null : Text(
            $"the pool holds {count} elements, above max(high watermark {parameters.High}, largest fill target asked {largestTarget}) = {bound}");
    }

    /// <summary><c>double-hand-out</c>: <paramref name="holder"/> is who holds <paramref name="ptr"/> now, null for nobody.</summary>
    public static string? DoubleHandOut(PerCpuPtr ptr, string to, string? holder) =>
        holder is null ? null : $"{ptr} handed to {to} while {holder} still holds it";

    /// <summary>
    /// <c>freed-hand-out</c>: a hand-out must be live in the pool's allocator. An element that was never
    /// one of its allocations (outside the area, or never handed to the pool) is named as such, not as freed.
    /// </summary>
    public static string? FreedHandOut(PerCpuArea area, PerCpuPtr ptr, string to, bool live, bool everAllocated)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (live)
        {
            return null;
        }
        if (ptr.Offset < 0 || ptr.Offset >= area.TotalBytes)
        {
            return Text($"{ptr} handed to {to} lies outside the per-cpu area ({area.TotalBytes} bytes)");
        }
        return everAllocated
            ? $"{ptr} handed to {to} after it was freed"
            : $"{ptr} handed to {to} was never allocated by the pool's allocator";
    }

    /// <summary>
    /// <c>hand-out-content</c>: aligned to the element alignment, an allocation of at least the element
    /// size (<paramref name="allocatedSize"/>, null when it is not a live allocation of the pool's
    /// allocator), and zero on every CPU over the element size.
    /// </summary>
    public static string? HandOutContent(PerCpuArea area, PerCpuPtr ptr, PoolParameters parameters, int? allocatedSize)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(parameters);
        if (ptr.Offset % parameters.ElementAlign != 0)
        {
            return Text($"{ptr} is not aligned to the element alignment {parameters.ElementAlign}");
        }
        if (allocatedSize is not int size)
        {
            return $"{ptr} is not a live allocation of the pool's allocator";
        }
        if (size < parameters.ElementSize)
        {
            return Text($"{ptr} is an allocation of {size} bytes, smaller than the element size {parameters.ElementSize}");
        }
        for (var cpu = 0; cpu < area.Platform.CpuCount; cpu++)
        {
            var bytes = area.Snapshot(ptr, cpu, parameters.ElementSize);
            var bad = Array.FindIndex(bytes, b => b != 0);
            if (bad >= 0)
            {
                return Text($"{ptr} is handed out with byte {bad} = 0x{bytes[bad]:x2} on CPU{cpu} (the link not cleared, or not zeroed)");
            }
        }
        return null;
    }

    /// <summary><c>owner-pattern</c>: every CPU's copy of a held element still carries its holder's pattern.</summary>
    public static string? OwnerPattern(PerCpuArea area, PerCpuPtr ptr, int length, Func<int, byte> pattern, string holder)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(pattern);
        for (var cpu = 0; cpu < area.Platform.CpuCount; cpu++)
        {
            var bytes = area.Snapshot(ptr, cpu, length);
            var expected = pattern(cpu);
            var bad = Array.FindIndex(bytes, b => b != expected);
            if (bad >= 0)
            {
                return Text($"{holder}'s pattern 0x{expected:x2} in {ptr} was overwritten on CPU{cpu} at byte {bad} (0x{bytes[bad]:x2}) while it held it");
            }
        }
        return null;
    }

    /// <summary>
    /// <c>conservation</c> at a quiescent point: nr counts the chain, the chain holds each element once,
    /// only live ones and none that is held, and allocated = in pool + held + freed.
    /// </summary>
    public static string? Conservation(
        int count, IReadOnlyList<PerCpuPtr> chain, int allocated, int held, int freed, Func<PerCpuPtr, bool> isLive, Func<PerCpuPtr, bool> isHeld)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(isLive);
        ArgumentNullException.ThrowIfNull(isHeld);
        var distinct = chain.Distinct().Count();
        if (chain.Count != count || distinct != chain.Count)
        {
            return Text($"the pool says it holds {count} elements but its chain has {chain.Count} ({distinct} distinct)");
        }
        if (chain.FirstOrDefault(e => !isLive(e)) is { IsNull: false } dead)
        {
            return $"the pool holds {dead}, which is not live (freed, or never allocated)";
        }
        if (chain.FirstOrDefault(isHeld) is { IsNull: false } both)
        {
            return $"{both} is in the pool and held";
        }
        return allocated == chain.Count + held + freed ? null : Text(
            $"nothing lost fails: allocated {allocated} != in pool {chain.Count} + held {held} + freed {freed}");
    }

    /// <summary>
    /// <c>empty-post</c>, after an empty with no concurrent user: no refill work pending or running, nr 0,
    /// an empty chain, and no live allocation of the pool's allocator that no holder has.
    /// </summary>
    public static string? EmptyPost(int pendingWork, int runningWork, int count, Func<IReadOnlyList<PerCpuPtr>> elements, int liveNotHeld)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (pendingWork > 0 || runningWork > 0)
        {
            return Text($"percpu_pool_empty returned with {pendingWork} work item(s) pending and {runningWork} running: it must cancel the refill and wait for it");
        }
        if (count != 0)
        {
            return Text($"percpu_pool_empty returned with nr {count}");
        }
        var left = elements();
        if (left.Count > 0)
        {
            return $"percpu_pool_empty returned with {string.Join(", ", left)} still on the chain";
        }
        return liveNotHeld == 0 ? null : Text(
            $"percpu_pool_empty returned with {liveNotHeld} element(s) still allocated that no holder has (kept or leaked, not freed)");
    }

    /// <summary><c>refill-liveness</c>, at an alloc's return with nobody else at the pool: an alloc that leaves it empty has scheduled the refill.</summary>
    public static string? RefillScheduled(int countAfter, bool refillPendingOrRunning) =>
        countAfter > 0 || refillPendingOrRunning ? null : "percpu_pool_alloc left the pool empty and no refill is pending or running";

    /// <summary>
    /// <c>refill-liveness</c>, once the refill has run (at quiescence, or after the work ran): the pool is
    /// empty only when no alloc came after the last empty, the high watermark is 0, or the pool's last
    /// request to its allocator was refused (out of space).
    /// </summary>
    public static string? RefillLiveness(int count, int high, bool allocAfterLastEmpty, bool lastRequestRefused)
    {
        if (count > 0 || high == 0 || !allocAfterLastEmpty || lastRequestRefused)
        {
            return null;
        }
        return "the pool is empty after the refill had its chance, though percpu_pool_alloc ran after the last percpu_pool_empty and the allocator did not run out: an alloc that leaves the pool empty must schedule the refill, and the refill must fill it";
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
