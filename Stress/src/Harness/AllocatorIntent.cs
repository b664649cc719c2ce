using System.Globalization;
using Conformance.Clauses;
using Conformance.Concurrency.Strategies;

namespace Conformance.Stress.Harness;

/// <summary>
/// One step of a CPU's allocator stream, fixed by the seed: what to ask for, which held area to free
/// (<see cref="Pick"/> modulo how many the CPU holds when it gets there), a double free of the last
/// area the CPU freed (the contract: an <c>InvalidFreeException</c> and no change), a request with an
/// alignment above a page (refused), or a free of NULL. Over a reserve of several bitmap words the sizes
/// run up to 130 units, so runs cross words and cover whole ones.
/// </summary>
internal readonly record struct AllocatorIntent(AllocatorIntentKind Kind, int Size, int Align, int Pick)
{
    private static readonly int[] Sizes = [1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 32];
    private static readonly int[] BigSizes = [4, 8, 16, 24, 32];
    private static readonly int[] WideSizes = [1, 4, 6, 12, 16, 24, 32, 40, 64, 100, 130, 200, 260, 520];
    private static readonly int[] Aligns = [1, 2, 4, 8, 16, 32];

    public static AllocatorIntent Next(ref Prng random, bool wide)
    {
        var roll = random.Next(100);
        var pick = random.Next(1 << 16);
        var sizes = wide ? WideSizes : Sizes;
        return roll switch
        {
            < 50 => new(AllocatorIntentKind.Alloc, sizes[random.Next(sizes.Length)], Aligns[random.Next(Aligns.Length)], pick),
            < 56 => new(AllocatorIntentKind.AllocBig, BigSizes[random.Next(BigSizes.Length)], Aligns[random.Next(Aligns.Length)], pick),
            < 58 => new(AllocatorIntentKind.Alloc, 0, 4, pick),
            < 96 => new(AllocatorIntentKind.Free, 0, 0, pick),
            < 98 => new(AllocatorIntentKind.FreeStale, 0, 0, pick),
            98 => new(AllocatorIntentKind.FreeNull, 0, 0, pick),
            _ => new(AllocatorIntentKind.BadAlign, 8, 2 * AllocatorClauses.PageSize, pick),
        };
    }

    public override string ToString() => Kind switch
    {
        AllocatorIntentKind.Alloc => string.Create(CultureInfo.InvariantCulture, $"alloc_percpu({Size}, {Align})"),
        AllocatorIntentKind.AllocBig => string.Create(CultureInfo.InvariantCulture, $"big_percpu_alloc({Size}, {Align})"),
        AllocatorIntentKind.Free => "free_percpu(a held area)",
        AllocatorIntentKind.FreeStale => "free_percpu(an area this CPU already freed)",
        AllocatorIntentKind.BadAlign => string.Create(CultureInfo.InvariantCulture, $"alloc_percpu({Size}, {Align}), to be refused"),
        _ => "free_percpu(NULL)",
    };
}
