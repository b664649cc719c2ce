using System.Globalization;
using Conformance.Concurrency.Strategies;

namespace Conformance.Stress.Harness;

/// <summary>
/// One step of a CPU's allocator stream, fixed by the seed: what to ask for, or which held area to free
/// (<see cref="Pick"/> modulo how many the CPU holds when it gets there).
/// </summary>
internal readonly record struct AllocatorIntent(AllocatorIntentKind Kind, int Size, int Align, int Pick)
{
    private static readonly int[] Sizes = [1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 32];
    private static readonly int[] BigSizes = [4, 8, 16, 24, 32];
    private static readonly int[] Aligns = [1, 2, 4, 8, 16, 32];

    public static AllocatorIntent Next(ref Prng random)
    {
        var roll = random.Next(100);
        var pick = random.Next(1 << 16);
        return roll switch
        {
            < 50 => new(AllocatorIntentKind.Alloc, Sizes[random.Next(Sizes.Length)], Aligns[random.Next(Aligns.Length)], pick),
            < 56 => new(AllocatorIntentKind.AllocBig, BigSizes[random.Next(BigSizes.Length)], Aligns[random.Next(Aligns.Length)], pick),
            < 58 => new(AllocatorIntentKind.Alloc, 0, 4, pick),
            < 98 => new(AllocatorIntentKind.Free, 0, 0, pick),
            _ => new(AllocatorIntentKind.FreeNull, 0, 0, pick),
        };
    }

    public override string ToString() => Kind switch
    {
        AllocatorIntentKind.Alloc => string.Create(CultureInfo.InvariantCulture, $"alloc_percpu({Size}, {Align})"),
        AllocatorIntentKind.AllocBig => string.Create(CultureInfo.InvariantCulture, $"big_percpu_alloc({Size}, {Align})"),
        AllocatorIntentKind.Free => "free_percpu(a held area)",
        _ => "free_percpu(NULL)",
    };
}
