using Conformance.Concurrency.Exploration;
using Conformance.Memory;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// Who holds which pool element or allocation now. A hand-out of something a holder still has, or of
/// something already freed, is a violation at once; each holder's owner pattern is written into its
/// area on every CPU and must be intact when it lets go.
/// </summary>
public sealed class HolderLedger(PerCpuArea area, Func<PerCpuPtr, bool>? isLive = null)
{
    private readonly object gate = new();
    private readonly Dictionary<PerCpuPtr, (int Holder, byte Pattern, int Length)> held = [];

    public int Held
    {
        get
        {
            lock (gate)
            {
                return held.Count;
            }
        }
    }

    /// <summary>Records the hand-out of <paramref name="ptr"/> to <paramref name="holder"/>, then writes its owner pattern on every CPU.</summary>
    public void HandedOut(PerCpuPtr ptr, int holder, int length, byte pattern)
    {
        lock (gate)
        {
            if (held.TryGetValue(ptr, out var other))
            {
                throw Violation("double-hand-out", $"{ptr} handed to CPU{holder} while CPU{other.Holder} still holds it");
            }
            if (isLive is not null && !isLive(ptr))
            {
                throw Violation("freed-hand-out", $"{ptr} handed to CPU{holder} after it was freed");
            }
            held[ptr] = (holder, pattern, length);
        }
        for (var cpu = 0; cpu < area.Platform.CpuCount; cpu++)
        {
            area.Stamp(ptr, cpu, length, pattern);
        }
    }

    /// <summary>Checks the owner pattern on every CPU and forgets the holder; the caller frees next.</summary>
    public void Releasing(PerCpuPtr ptr)
    {
        (int Holder, byte Pattern, int Length) entry;
        lock (gate)
        {
            if (!held.Remove(ptr, out entry))
            {
                throw Violation("not-held", $"{ptr} released but nobody holds it");
            }
        }
        for (var cpu = 0; cpu < area.Platform.CpuCount; cpu++)
        {
            var bytes = area.Snapshot(ptr, cpu, entry.Length);
            var bad = Array.FindIndex(bytes, b => b != entry.Pattern);
            if (bad >= 0)
            {
                throw Violation("owner-pattern", $"CPU{entry.Holder}'s pattern 0x{entry.Pattern:x2} in {ptr} was overwritten on CPU{cpu} at byte {bad} (0x{bytes[bad]:x2}) while it held it");
            }
        }
    }

    // Also called outside the lock (an overwritten pattern): the snapshot of the holders takes it.
    private OracleViolationException Violation(string oracle, string message)
    {
        lock (gate)
        {
            return new(oracle, message, held.Select(h => $"CPU{h.Value.Holder} holds {h.Key}").ToList());
        }
    }
}
