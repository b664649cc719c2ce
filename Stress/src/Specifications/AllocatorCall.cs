using System.Globalization;
using Conformance.Memory;

namespace Conformance.Stress.Specifications;

/// <summary>
/// One allocator operation as a history records it: what was asked and what came back. For an
/// allocation <see cref="Pointer"/> is the result; for a free, the argument. <see cref="Error"/> names
/// the exception the call threw, if it threw.
/// </summary>
public sealed record AllocatorCall(AllocatorCallKind Kind, int Size, int Align, PerCpuPtr Pointer, string? Error = null)
{
    public static AllocatorCall Alloc(int size, int align, PerCpuPtr result, bool big = false) =>
        new(big ? AllocatorCallKind.AllocBig : AllocatorCallKind.Alloc, size, align, result);

    public static AllocatorCall Free(PerCpuPtr pointer, string? error = null) => new(AllocatorCallKind.Free, 0, 0, pointer, error);

    public override string ToString()
    {
        var error = Error is null ? "" : $" threw {Error}";
        return Kind switch
        {
            AllocatorCallKind.Free => $"free_percpu({Pointer}){error}",
            _ => string.Create(CultureInfo.InvariantCulture,
                $"{(Kind == AllocatorCallKind.AllocBig ? "big_percpu_alloc" : "alloc_percpu")}({Size}, {Align}){(Error is null ? $" -> {Pointer}" : error)}"),
        };
    }
}
