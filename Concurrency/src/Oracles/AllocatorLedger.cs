using System.Globalization;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Contracts;
using Conformance.Memory;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// The allocator's oracles for concurrent runs (exploration and stress): every call goes through it and
/// it judges each clause of <see cref="ContractClauses"/> on what it saw, through <paramref name="rules"/>,
/// with the predicates of <see cref="AllocatorClauses"/>. A hand-out is judged when it returns
/// (<c>placement</c>, <c>overlap</c> with every allocation held for the whole call, <c>shadow</c>,
/// <c>zeroed</c> on every CPU, <c>zero-size</c>); a free when it returns (the holder's pattern intact, so
/// nothing overlapped it; the shadow unmarked); a bad request or a free of something not live must be
/// refused. <c>null-only-when-full</c> needs every call that overlapped a NULL to have returned, so it is
/// judged by <see cref="Quiescent"/>, with every CPU still: a NULL is a violation only when some aligned
/// run was free of every allocation live at any moment of the call.
/// </summary>
/// <remarks>
/// The ledger's clock is taken before each call starts and after it returns, so each recorded interval
/// contains the real one: an allocation counts as live from the call of its alloc to the return of its
/// free, which can only make a NULL look more excusable, never less. Thread-safe.
/// </remarks>
public sealed class AllocatorLedger(IPerCpuAllocator allocator, RuleBook rules)
{
    private readonly object gate = new();
    private readonly PerCpuArea area = allocator.Area;
    private readonly Dictionary<PerCpuPtr, Held> held = [];
    // Allocations that may matter to a NULL not judged yet: held ones, and those freed since the last quiescent point.
    private readonly List<Held> record = [];
    private readonly List<NullCall> nulls = [];
    private readonly HashSet<int> freedTags = [];
    private long clock;

    /// <summary>The book the clauses are judged in.</summary>
    public RuleBook Rules => rules;

    /// <summary>How many allocations are held now.</summary>
    public int HeldCount
    {
        get
        {
            lock (gate)
            {
                return held.Count;
            }
        }
    }

    /// <summary>
    /// <c>alloc_percpu(size, align)</c> (or <c>big_percpu_alloc</c>) on behalf of <paramref name="holder"/>:
    /// judges the result; a hand-out is stamped with <paramref name="pattern"/> on every CPU and held by
    /// <paramref name="holder"/> until <see cref="Free"/>. A request the contract refuses returns NULL once refused.
    /// </summary>
    public PerCpuPtr Alloc(int holder, int size, int align, bool big, byte pattern)
    {
        var required = AllocatorClauses.RequiredRefusal(size, align);
        var call = Tick();
        PerCpuPtr p;
        try
        {
            p = big ? allocator.AllocBig(size, align) : allocator.Alloc(size, align);
        }
        catch (ShadowViolationException e) when (ClauseOf(e) is { } clause)
        {
            throw Refuted(clause, $"CPU{holder}'s {Request(size, align, big)}: {e.Message}", e);
        }
        catch (Exception e) when (required is not null && !Unwinding(e))
        {
            Judge(ContractClauses.BadInput, AllocatorClauses.RefusedAsRequired(required, e),
                () => $"CPU{holder}'s {Request(size, align, big)} must throw {required.Name}, but threw {e.GetType().Name}: {e.Message}");
            return PerCpuPtr.Null;
        }
        var ret = Tick();
        var what = $"CPU{holder}'s {Request(size, align, big)} returned {p}";
        Judge(ContractClauses.BadInput, required is null, () => $"{what}: it must throw {required?.Name}");
        Judge(ContractClauses.ZeroSize, AllocatorClauses.ZeroSizeHolds(size, p), () => $"{what}: size {size} {(size == 0 ? "gives ZERO_SIZE_PTR" : "never gives ZERO_SIZE_PTR")}");
        if (p.IsNull)
        {
            lock (gate)
            {
                nulls.Add(new NullCall(holder, size, align, big, call, ret));
            }
            return p;
        }
        if (p.IsZeroSize)
        {
            return p;
        }
        var region = AllocatorClauses.Region(area.ReserveBytes, area.BigBytes, big);
        var placement = AllocatorClauses.Placement(p.Offset, size, align, region, big);
        Judge(ContractClauses.Placement, placement is null, () => $"{what}: {placement}");
        lock (gate)
        {
            var clash = AllocatorClauses.FirstOverlap(p.Offset, size, held.Values, h => (h.Ptr.Offset, h.Size));
            Judge(ContractClauses.Overlap, clash is null, () => $"{what}, which shares bytes with {clash}, held now");
        }
        var unmarked = AllocatorClauses.FirstUnmarked(area, p, size);
        Judge(ContractClauses.Shadow, unmarked < 0, () => $"{what}, but the shadow gives its byte {unmarked} to #{(unmarked < 0 ? 0 : area.OwnerOf(p.Offset + unmarked))}");
        for (var cpu = 0; cpu < area.Platform.CpuCount; cpu++)
        {
            var bytes = area.Snapshot(p, cpu, size);
            var dirty = AllocatorClauses.FirstNonZero(bytes);
            Judge(ContractClauses.Zeroed, dirty < 0, () => $"{what}, which holds 0x{(dirty < 0 ? 0 : bytes[dirty]):x2} at byte {dirty} on CPU{cpu}");
        }
        var entry = new Held(p, size, big, holder, pattern, call);
        lock (gate)
        {
            held[p] = entry;
            record.Add(entry);
        }
        for (var cpu = 0; cpu < area.Platform.CpuCount; cpu++)
        {
            area.Stamp(p, cpu, size, pattern);
        }
        return p;
    }

    /// <summary>
    /// <c>free_percpu</c> of an allocation <paramref name="holder"/> holds: its pattern must be intact on
    /// every CPU (no other hand-out overlapped it), the free must succeed, and the shadow must no longer
    /// give its bytes to it.
    /// </summary>
    public void Free(int holder, PerCpuPtr ptr)
    {
        Held entry;
        lock (gate)
        {
            if (!held.Remove(ptr, out entry!))
            {
                throw new InvalidOperationException($"CPU{holder} frees {ptr}, which it does not hold");
            }
        }
        for (var cpu = 0; cpu < area.Platform.CpuCount; cpu++)
        {
            var bytes = area.Snapshot(ptr, cpu, entry.Size);
            var bad = bytes.AsSpan().IndexOfAnyExcept(entry.Pattern);
            Judge(ContractClauses.Overlap, bad < 0,
                () => $"CPU{entry.Holder}'s pattern 0x{entry.Pattern:x2} in {ptr} was overwritten on CPU{cpu} at byte {bad} (0x{(bad < 0 ? 0 : bytes[bad]):x2}) while it held it");
        }
        Call(holder, () => allocator.Free(ptr), $"free_percpu({ptr})");
        var still = AllocatorClauses.FirstStillMarked(area, ptr, entry.Size);
        Judge(ContractClauses.Shadow, still < 0, () => $"CPU{holder}'s free_percpu({ptr}) returned, but the shadow still gives its byte {still} to it");
        var freed = Tick();
        lock (gate)
        {
            entry.FreeReturn = freed;
            // From here a shadow report naming it is about the marks its free left, not an overlap. While
            // its free runs a report cannot tell the two apart from outside, and names an overlap.
            freedTags.Add(ptr.Tag);
        }
    }

    /// <summary>
    /// A free of something that is not live (freed already, never handed out): <c>bad-input</c> wants it
    /// refused with <see cref="InvalidFreeException"/>. <paramref name="observed"/> learns what the free
    /// did (what it threw, or null) before it is judged, so a history can record it.
    /// </summary>
    public void FreeInvalid(int holder, PerCpuPtr ptr, Action<Exception?>? observed = null)
    {
        Exception? thrown = null;
        try
        {
            allocator.Free(ptr);
        }
        catch (ShadowViolationException e) when (ClauseOf(e) is { } clause)
        {
            throw Refuted(clause, $"CPU{holder}'s free_percpu({ptr}) of a pointer not live: {e.Message}", e);
        }
        catch (Exception e) when (!Unwinding(e))
        {
            thrown = e;
        }
        observed?.Invoke(thrown);
        Judge(ContractClauses.BadInput, thrown is InvalidFreeException,
            () => $"CPU{holder}'s free_percpu({ptr}) of a pointer not live must throw {nameof(InvalidFreeException)}, but {(thrown is null ? "returned" : $"threw {thrown.GetType().Name}: {thrown.Message}")}");
    }

    /// <summary>A free of NULL or ZERO_SIZE_PTR: <c>zero-size</c> wants it to do nothing.</summary>
    public void FreeNoOp(int holder, PerCpuPtr ptr)
    {
        Exception? thrown = null;
        try
        {
            allocator.Free(ptr);
        }
        catch (Exception e) when (!Unwinding(e))
        {
            thrown = e;
        }
        Judge(ContractClauses.ZeroSize, thrown is null && AllocatorClauses.IsNoOpFree(ptr),
            () => $"CPU{holder}'s free_percpu({ptr}) must do nothing, but it threw {thrown?.GetType().Name}: {thrown?.Message}");
    }

    /// <summary>
    /// With every CPU still (a checkpoint, the end of a run): every NULL since the last quiescent point
    /// is judged against the allocations live at any moment of its call, then those freed are forgotten.
    /// Then nothing is lost: the allocator counts exactly the held allocations' units
    /// (<c>lost-bytes</c>) and the shadow marks at least their bytes and at most their units (<c>shadow</c>).
    /// </summary>
    public void Quiescent()
    {
        lock (gate)
        {
            foreach (var n in nulls)
            {
                var region = AllocatorClauses.Region(area.ReserveBytes, area.BigBytes, n.Big);
                var live = record.Where(h => h.Big == n.Big && h.Call < n.Return && h.FreeReturn > n.Call).ToList();
                var run = AllocatorClauses.FreeRun(n.Size, n.Align, region, live.Select(h => (h.Ptr.Offset, h.Size)));
                Judge(ContractClauses.NullOnlyWhenFull, run is null,
                    () => $"CPU{n.Holder}'s {Request(n.Size, n.Align, n.Big)} returned NULL, but 0x{run:x}+{n.Size} was free for the whole call (live at some moment of it: {(live.Count == 0 ? "nothing" : string.Join(", ", live))})");
            }
            nulls.Clear();
            record.RemoveAll(h => h.FreeReturn != long.MaxValue);
            var units = held.Values.Sum(h => (long)AllocatorClauses.Units(h.Size) * AllocatorClauses.UnitSize);
            var bytes = held.Values.Sum(h => (long)h.Size);
            var inUse = allocator.BytesInUse;
            if (inUse != units)
            {
                throw new OracleViolationException("lost-bytes",
                    string.Create(CultureInfo.InvariantCulture, $"with every CPU still the CPUs hold {held.Count} allocation(s) of {units} bytes in whole units, but the allocator counts {inUse} bytes in use"),
                    State());
            }
            var marked = area.LiveBytes();
            Judge(ContractClauses.Shadow, marked >= bytes && marked <= units,
                () => string.Create(CultureInfo.InvariantCulture, $"with every CPU still the CPUs hold {held.Count} allocation(s) of {bytes} bytes ({units} in whole units), but the shadow marks {marked} bytes live"));
        }
    }

    // The message is built only for an observation that does not hold (a hand-out is judged many times over).
    private void Judge(Clause clause, bool holds, Func<string> message)
    {
        if (!holds && rules.Judge(clause, false, message()) == ClauseVerdict.Broken)
        {
            throw new OracleViolationException(clause.Id, message(), State());
        }
    }

    // What the implementation's own shadow report is evidence of, judged; the report itself if the rules excuse it.
    private Exception Refuted(Clause clause, string message, Exception report) =>
        rules.Judge(clause, false, message) == ClauseVerdict.Broken ? new OracleViolationException(clause.Id, message, State()) : report;

    private Clause? ClauseOf(ShadowViolationException e)
    {
        lock (gate)
        {
            return AllocatorClauses.ClauseOf(e, freedTags.Contains);
        }
    }

    private void Call(int holder, Action action, string what)
    {
        try
        {
            action();
        }
        catch (ShadowViolationException e) when (ClauseOf(e) is { } clause)
        {
            throw Refuted(clause, $"CPU{holder}'s {what}: {e.Message}", e);
        }
    }

    private List<string> State()
    {
        lock (gate)
        {
            return held.Values.Select(h => h.ToString()).ToList();
        }
    }

    // The backends unwind a context with exceptions of their own (a run stopped elsewhere, a step bound):
    // never an answer of the allocator's, so they pass.
    private static bool Unwinding(Exception e) => e.GetType().Namespace?.StartsWith("Conformance.Backends", StringComparison.Ordinal) == true;

    private long Tick() => Interlocked.Increment(ref clock);

    private static string Request(int size, int align, bool big) =>
        string.Create(CultureInfo.InvariantCulture, $"{(big ? "big_percpu_alloc" : "alloc_percpu")}({size}, {align})");

    private sealed class Held(PerCpuPtr ptr, int size, bool big, int holder, byte pattern, long call)
    {
        public PerCpuPtr Ptr { get; } = ptr;

        public int Size { get; } = size;

        public bool Big { get; } = big;

        public int Holder { get; } = holder;

        public byte Pattern { get; } = pattern;

        public long Call { get; } = call;

        public long FreeReturn { get; set; } = long.MaxValue;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CPU{Holder} holds {Ptr} ({Size} bytes)");
    }

    private sealed record NullCall(int Holder, int Size, int Align, bool Big, long Call, long Return);
}
