using System.Globalization;
using Conformance.Concurrency.Strategies;

namespace Conformance.Stress.Harness;

/// <summary>
/// One step of a CPU's pool stream, fixed by the seed: an alloc (with interrupts disabled or not), a
/// release of a held element (<see cref="Pick"/> modulo how many are held), an explicit fill to
/// <see cref="Target"/>, or an empty.
/// </summary>
internal readonly record struct PoolIntent(PoolIntentKind Kind, bool IrqsDisabled, int Target, int Pick)
{
    // Targets below the low watermark (1) set inhibit_fill; 0 is the high watermark; 6 is above it.
    private static readonly int[] FillTargets = [1, 1, 0, 3, 6];

    public static PoolIntent Next(ref Prng random)
    {
        var roll = random.Next(100);
        var pick = random.Next(1 << 16);
        return roll switch
        {
            < 55 => new(PoolIntentKind.Alloc, random.Next(3) == 0, 0, pick),
            < 88 => new(PoolIntentKind.Release, false, 0, pick),
            < 96 => new(PoolIntentKind.Fill, false, FillTargets[random.Next(FillTargets.Length)], pick),
            _ => new(PoolIntentKind.Empty, false, 0, pick),
        };
    }

    public override string ToString() => Kind switch
    {
        PoolIntentKind.Alloc => IrqsDisabled ? "percpu_pool_alloc() with irqs off" : "percpu_pool_alloc()",
        PoolIntentKind.Release => "free_percpu(a held element)",
        PoolIntentKind.Fill => string.Create(CultureInfo.InvariantCulture, $"percpu_pool_fill({Target})"),
        _ => "percpu_pool_empty()",
    };
}
