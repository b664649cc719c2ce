using System.Globalization;
using Conformance.Concurrency.Strategies;
using Conformance.Models;
using Conformance.Smp;

namespace Conformance.Stress.Harness;

/// <summary>
/// One step of a CPU's cross-call stream, fixed by the seed: a single call to <see cref="Target"/> (which
/// may be the caller), a many call to <see cref="Mask"/> (which may hold the caller, or only it), or a
/// call to every other CPU; with or without wait.
/// </summary>
internal readonly record struct CrossCallIntent(CallKind Kind, int Target, ulong Mask, bool Wait)
{
    public static CrossCallIntent Next(ref Prng random, int cpus)
    {
        var roll = random.Next(100);
        var wait = random.NextBool();
        var all = CpuMask.All(cpus).Bits;
        return roll switch
        {
            < 40 => new(CallKind.Single, random.Next(cpus), 0, wait),
            < 80 => new(CallKind.Many, 0, NonEmpty(random.NextUInt64() & all, random.Next(cpus)), wait),
            _ => new(CallKind.All, 0, all, wait),
        };
    }

    /// <summary>What the seed's code asks for: the target's bit for a single call, the mask otherwise.</summary>
    public ulong Asked => Kind == CallKind.Single ? 1UL << Target : Mask;

    public override string ToString()
    {
        var wait = Wait ? ", wait" : "";
        return Kind switch
        {
            CallKind.Single => string.Create(CultureInfo.InvariantCulture, $"smp_call_function_single({Target}{wait})"),
            CallKind.Many => $"smp_call_function_many({new CpuMask(Mask)}{wait})",
            _ => $"smp_call_function({(Wait ? "wait" : "")})",
        };
    }

    private static ulong NonEmpty(ulong mask, int fallback) => mask != 0 ? mask : 1UL << fallback;
}
