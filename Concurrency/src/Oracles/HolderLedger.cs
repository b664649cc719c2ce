using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Memory;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// Who holds which pool element or allocation now. A hand-out of something a holder still has
/// (<c>double-hand-out</c>), or of something not live (<c>freed-hand-out</c>), is a violation at once;
/// each holder's owner pattern is written into its area on every CPU and must be intact when it lets go
/// (<c>owner-pattern</c>). Each clause is judged through the ledger's <see cref="RuleBook"/>.
/// </summary>
public sealed class HolderLedger
{
    private readonly object gate = new();
    private readonly Dictionary<PerCpuPtr, (int Holder, byte Pattern, int Length)> held = [];
    private readonly PerCpuArea area;
    private readonly Func<PerCpuPtr, bool>? isLive;
    private readonly Func<PerCpuPtr, bool>? everAllocated;
    private readonly RuleBook rules;

    /// <summary>A ledger judging by the kernel's rules; <paramref name="isLive"/> says which hand-outs are live.</summary>
    public HolderLedger(PerCpuArea area, Func<PerCpuPtr, bool>? isLive = null)
        : this(area, isLive, null, RuleBook.Kernel)
    {
    }

    /// <summary>A ledger over the pool's <paramref name="allocator"/>, judging in <paramref name="rules"/>.</summary>
    public HolderLedger(PerCpuArea area, RecordingAllocator allocator, RuleBook rules)
        : this(area, allocator.IsLive, allocator.EverAllocated, rules)
    {
    }

    private HolderLedger(PerCpuArea area, Func<PerCpuPtr, bool>? isLive, Func<PerCpuPtr, bool>? everAllocated, RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(rules);
        this.area = area;
        this.isLive = isLive;
        this.everAllocated = everAllocated;
        this.rules = rules;
    }

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

    /// <summary>Whether a holder has <paramref name="ptr"/> now.</summary>
    public bool IsHeld(PerCpuPtr ptr)
    {
        lock (gate)
        {
            return held.ContainsKey(ptr);
        }
    }

    /// <summary>Records the hand-out of <paramref name="ptr"/> to <paramref name="holder"/>, then writes its owner pattern on every CPU.</summary>
    public void HandedOut(PerCpuPtr ptr, int holder, int length, byte pattern)
    {
        lock (gate)
        {
            var to = $"CPU{holder}";
            var twice = PoolClauseChecks.DoubleHandOut(ptr, to, held.TryGetValue(ptr, out var other) ? $"CPU{other.Holder}" : null);
            Judge(ContractClauses.DoubleHandOut, twice);
            if (isLive is not null)
            {
                var live = isLive(ptr);
                Judge(ContractClauses.FreedHandOut, PoolClauseChecks.FreedHandOut(area, ptr, to, live, everAllocated?.Invoke(ptr) ?? true));
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
        Judge(ContractClauses.OwnerPattern, PoolClauseChecks.OwnerPattern(area, ptr, entry.Length, _ => entry.Pattern, $"CPU{entry.Holder}"));
    }

    private void Judge(Clause clause, string? fault)
    {
        if (fault is not null && rules.Judge(clause, holds: false, fault) == ClauseVerdict.Broken)
        {
            throw Violation(clause.Id, fault);
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
