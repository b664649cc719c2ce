using System.Globalization;
using Conformance.Memory;

namespace Conformance.Stress.Specifications;

/// <summary>
/// One pool operation as a history records it. <see cref="Caller"/> is the context that made it (a CPU,
/// or the worker running the refill); <see cref="Pointer"/> is the element returned or freed. A supply
/// made inside an explicit fill is <see cref="ForFill"/>, and the fill lists the elements it allocated
/// and kept (<see cref="Supplied"/>): the harness knows it called the fill on that CPU.
/// </summary>
public sealed record PoolCall(
    PoolCallKind Kind,
    int Caller,
    PerCpuPtr Pointer,
    int Target = 0,
    bool IrqsDisabled = false,
    bool ForFill = false,
    IReadOnlyList<PerCpuPtr>? Supplied = null)
{
    /// <summary>An explicit fill to <paramref name="target"/> on <paramref name="cpu"/> that allocated <paramref name="supplied"/>.</summary>
    public static PoolCall Fill(int cpu, int target, IReadOnlyList<PerCpuPtr> supplied) =>
        new(PoolCallKind.Fill, cpu, PerCpuPtr.Null, target, Supplied: supplied);

    public override string ToString() => Kind switch
    {
        PoolCallKind.Alloc => $"percpu_pool_alloc() -> {Pointer}{(IrqsDisabled ? " (irqs off)" : "")}",
        PoolCallKind.Release => $"free_percpu({Pointer}) by its holder",
        PoolCallKind.Fill => string.Create(CultureInfo.InvariantCulture,
            $"percpu_pool_fill({Target}) allocating [{string.Join(", ", Supplied ?? [])}]"),
        PoolCallKind.Empty => "percpu_pool_empty()",
        PoolCallKind.Supply => $"the pool's alloc_percpu{(ForFill ? " in percpu_pool_fill" : "")} -> {Pointer}",
        PoolCallKind.Reclaim => $"the pool's free_percpu({Pointer})",
        _ => Kind.ToString(),
    };
}
