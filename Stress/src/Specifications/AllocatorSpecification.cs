using Conformance.Clauses;
using Conformance.Contracts;
using Conformance.Models;
using Conformance.Stress.Checking;

namespace Conformance.Stress.Specifications;

/// <summary>
/// The per-cpu allocator's sequential specification at contract level (the remarks of
/// <see cref="IPerCpuAllocator"/>), over the functional model <see cref="AllocatorModel"/>:
/// <list type="bullet">
/// <item><c>alloc(size, align)</c> with size 0 returns ZERO_SIZE_PTR and changes nothing;</item>
/// <item>otherwise it may return any pointer inside the reserve, aligned to <c>max(align, 4)</c>, overlapping
///   no live area (<see cref="AllocatorClauses.Placement"/>, <see cref="AllocatorClauses.FirstOverlap"/>): the result picks the placement, so the
///   specification is nondeterministic and every allowed placement is accepted; the area becomes live;</item>
/// <item>it may return NULL only when no free, aligned run of 4-byte units of that size is left
///   (<see cref="AllocatorClauses.FreeRun"/>);</item>
/// <item><c>big_percpu_alloc</c> is the same over the big region;</item>
/// <item><c>free(p)</c>: NULL and ZERO_SIZE_PTR are no-ops; a live p stops being live; anything else must throw
///   <see cref="InvalidFreeException"/> and change nothing;</item>
/// <item>no call with valid arguments throws; a request with invalid ones throws the documented exception and changes nothing.</item>
/// </list>
/// The state reached depends only on which allocations and frees happened (live = allocated - freed),
/// not on their order: <see cref="OrderIndependent"/>. No partitioning: two allocations anywhere in the
/// reserve are not independent, since whether one may return NULL depends on every live area.
/// </summary>
public sealed class AllocatorSpecification(int reserveBytes, int bigBytes = 0) : ISequentialSpecification<AllocatorCall, AllocatorSpecState>
{
    private readonly (int Low, int High) reserve = AllocatorClauses.Region(reserveBytes, bigBytes, big: false);
    private readonly (int Low, int High) bigRegion = AllocatorClauses.Region(reserveBytes, bigBytes, big: true);

    public AllocatorSpecState Initial { get; } = new(AllocatorModel.Create(reserveBytes, bigBytes), 0);

    public bool OrderIndependent => true;

    public IReadOnlyList<AllocatorSpecState> Step(AllocatorSpecState state, AllocatorCall operation)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(operation);
        return Judge(state, operation, explain: false, out var next) is null && next is not null ? [next] : [];
    }

    public string? Refusal(AllocatorSpecState state, AllocatorCall operation)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(operation);
        return Judge(state, operation, explain: true, out _);
    }

    public string Describe(AllocatorSpecState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Model.Describe();
    }

    // Null when allowed (next set); otherwise why not, in words only when asked (the search asks often).
    private string? Judge(AllocatorSpecState state, AllocatorCall op, bool explain, out AllocatorSpecState? next)
    {
        next = null;
        var model = state.Model;
        if (op.Kind == AllocatorCallKind.Free)
        {
            var p = op.Pointer;
            if (p.IsNull || p.IsZeroSize)
            {
                if (op.Error is not null)
                {
                    return explain ? $"free of {p} is a no-op, but it threw {op.Error}" : "";
                }
                next = state;
                return null;
            }
            var area = model.FindByHandle(p.ToRaw());
            if (area is null)
            {
                if (op.Error == nameof(InvalidFreeException))
                {
                    next = state;
                    return null;
                }
                return explain ? $"{p} is not live here, so the free must throw {nameof(InvalidFreeException)}, not {op.Error ?? "succeed"}" : "";
            }
            if (op.Error is not null)
            {
                return explain ? $"{p} is live here ({area}), but the free threw {op.Error}" : "";
            }
            next = new AllocatorSpecState(model.Freed(area), state.Hash ^ AllocatorSpecState.Contribution(area));
            return null;
        }

        var big = op.Kind == AllocatorCallKind.AllocBig;
        if (AllocatorClauses.RequiredRefusal(op.Size, op.Align) is { } refusal)
        {
            if (op.Error == refusal.Name)
            {
                next = state;
                return null;
            }
            return explain ? $"the arguments are invalid, so it must throw {refusal.Name}, not {op.Error ?? $"return {op.Pointer}"}" : "";
        }
        if (op.Error is not null)
        {
            return explain ? $"the arguments are valid, so no exception is allowed, but it threw {op.Error}" : "";
        }
        if (op.Size == 0)
        {
            if (op.Pointer.IsZeroSize)
            {
                next = state;
                return null;
            }
            return explain ? $"a zero-size allocation returns ZERO_SIZE_PTR, not {op.Pointer}" : "";
        }
        var region = big ? bigRegion : reserve;
        if (op.Pointer.IsNull)
        {
            if (AllocatorClauses.FreeRun(op.Size, op.Align, region, model.Live.Values.Where(a => a.Big == big).Select(a => (a.Offset, a.Size))) is null)
            {
                next = state;
                return null;
            }
            return explain ? $"NULL, but {op.Size} bytes aligned to {AllocatorClauses.EffectiveAlign(op.Align)} still fit in the {(big ? "big region" : "reserve")} here (map {model.MapPicture()})" : "";
        }
        if (op.Pointer.IsZeroSize)
        {
            return explain ? $"ZERO_SIZE_PTR for a {op.Size}-byte allocation" : "";
        }
        var placement = AllocatorClauses.Placement(op.Pointer.Offset, op.Size, op.Align, region, big)
            ?? (AllocatorClauses.FirstOverlap(op.Pointer.Offset, op.Size, model.Live.Values, a => (a.Offset, a.Size)) is { } clash
                ? $"0x{op.Pointer.Offset:x}+{op.Size} overlaps live area {clash}" : null);
        if (placement is not null)
        {
            return explain ? placement : "";
        }
        var handle = op.Pointer.ToRaw();
        if (model.FindByHandle(handle) is { } same)
        {
            return explain ? $"{op.Pointer} is already live ({same})" : "";
        }
        var live = new LiveArea(op.Pointer.Offset, op.Size, op.Align, big, handle);
        next = new AllocatorSpecState(model.Allocated(live.Offset, live.Size, live.Align, big, handle), state.Hash ^ AllocatorSpecState.Contribution(live));
        return null;
    }
}
