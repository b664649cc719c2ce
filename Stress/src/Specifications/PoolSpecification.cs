using System.Globalization;
using Conformance.Contracts;
using Conformance.Stress.Checking;

namespace Conformance.Stress.Specifications;

/// <summary>
/// The percpu_pool's sequential specification at contract level (the remarks of <see cref="IPercpuPool"/>),
/// over the history of the holders' operations and the pool's own calls into its allocator (which a
/// recording allocator between the pool and its allocator sees; the refill work itself is invisible):
/// <list type="bullet">
/// <item>an element the pool allocates inside an explicit <c>percpu_pool_fill</c> is "filling": not on the
///   chain until the fill splices it on; the fill takes effect at the splice, after its allocations, and
///   makes them "settled", surely in the pool;</item>
/// <item>an element the refill work allocates is "unsettled": it may or may not be on the chain yet, since
///   the work splices it on at a moment no history shows;</item>
/// <item><c>percpu_pool_alloc</c> may return an unsettled or settled element (it becomes held by the
///   caller), never one that is filling, held, taken, freed or was never allocated by the pool: no double
///   hand-out; it may return NULL only when no element is settled (the contract: an empty pool returns
///   NULL; an unsettled element may not be on the chain yet);</item>
/// <item><c>percpu_pool_empty</c> takes every settled element off the pool; the pool may then free it (reclaim),
///   as it may free an unsettled one (a refill's element that empty took) or a filling one from the fill
///   that allocated it; it must never free a held or a settled element;</item>
/// <item>a holder's free releases its own held element, and nothing else.</item>
/// </list>
/// Which elements an empty takes depends on the order of fills and empties, so this specification is
/// not order-independent: the checker goes on from one end state of a segment and, when that guess
/// fails, computes them all. No partitioning by element, because the NULL rule looks at all of them.
/// </summary>
public sealed class PoolSpecification : ISequentialSpecification<PoolCall, PoolSpecState>
{
    public PoolSpecState Initial => PoolSpecState.Empty;

    public bool OrderIndependent => false;

    public IReadOnlyList<PoolSpecState> Step(PoolSpecState state, PoolCall operation)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(operation);
        return Judge(state, operation, explain: false, out var next) is null && next is not null ? [next] : [];
    }

    public string? Refusal(PoolSpecState state, PoolCall operation)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(operation);
        return Judge(state, operation, explain: true, out _);
    }

    public string Describe(PoolSpecState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ToString();
    }

    private static string? Judge(PoolSpecState state, PoolCall op, bool explain, out PoolSpecState? next)
    {
        next = null;
        var p = op.Pointer;
        var element = p.IsNull ? null : state.Find(p);
        switch (op.Kind)
        {
            case PoolCallKind.Supply:
                if (p.IsNull)
                {
                    next = state;
                    return null;
                }
                if (element is { } live)
                {
                    return explain ? $"the allocator handed the pool {p}, which is still {Status(live)}" : "";
                }
                next = state.With(p, new PoolElement(op.ForFill ? PoolElementStatus.Filling : PoolElementStatus.Unsettled, op.Caller));
                return null;

            case PoolCallKind.Alloc:
                if (p.IsNull)
                {
                    if (state.Settled == 0)
                    {
                        next = state;
                        return null;
                    }
                    return explain
                        ? string.Create(CultureInfo.InvariantCulture, $"NULL, but {state.Settled} element(s) that a completed percpu_pool_fill put there are in the pool")
                        : "";
                }
                if (element is { Status: PoolElementStatus.Unsettled or PoolElementStatus.Settled })
                {
                    next = state.With(p, new PoolElement(PoolElementStatus.Held, op.Caller));
                    return null;
                }
                return explain ? $"{p} is {(element is { } e ? Status(e) : "not an element the pool allocated and still has")}: it cannot be handed out" : "";

            case PoolCallKind.Release:
                if (element is { Status: PoolElementStatus.Held } held && held.Context == op.Caller)
                {
                    next = state.Without(p);
                    return null;
                }
                return explain ? $"{p} is {(element is { } r ? Status(r) : "not an element the pool handed out")}, not held by CPU{op.Caller}" : "";

            case PoolCallKind.Fill:
                var filled = state;
                foreach (var own in op.Supplied ?? [])
                {
                    if (state.Find(own) is not { Status: PoolElementStatus.Filling } mine || mine.Context != op.Caller)
                    {
                        return explain ? $"the fill splices {own}, which it has not allocated yet" : "";
                    }
                    filled = filled.With(own, mine with { Status = PoolElementStatus.Settled });
                }
                next = filled;
                return null;

            case PoolCallKind.Empty:
                next = state.Move(e => e.Status == PoolElementStatus.Settled, PoolElementStatus.Taken);
                return null;

            case PoolCallKind.Reclaim:
                if (element is { Status: PoolElementStatus.Taken or PoolElementStatus.Unsettled }
                    || (element is { Status: PoolElementStatus.Filling } gaveBack && gaveBack.Context == op.Caller))
                {
                    next = state.Without(p);
                    return null;
                }
                return explain ? $"the pool frees {p}, which is {(element is { } f ? Status(f) : "not an element it has")}" : "";

            default:
                return explain ? $"unknown operation {op.Kind}" : "";
        }
    }

    private static string Status(PoolElement element) => element.Status switch
    {
        PoolElementStatus.Unsettled => "in the pool or on its way there",
        PoolElementStatus.Filling => "allocated by a fill that has not put it in the pool yet",
        PoolElementStatus.Settled => "in the pool",
        PoolElementStatus.Taken => "taken by percpu_pool_empty",
        _ => string.Create(CultureInfo.InvariantCulture, $"held by CPU{element.Context}"),
    };
}
