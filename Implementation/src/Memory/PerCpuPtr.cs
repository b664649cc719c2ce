using System.Globalization;

namespace Conformance.Memory;

/// <summary>
/// A per-cpu pointer (<c>void __percpu *</c>): an offset into every CPU's copy of the per-cpu area,
/// tagged with the allocation it came from so the shadow map can tell a stale pointer from a live one.
/// <c>default</c> is NULL.
/// </summary>
public readonly record struct PerCpuPtr(int Offset, int Tag)
{
    /// <summary>NULL: what an allocation that fails returns; freeing it is a no-op.</summary>
    public static PerCpuPtr Null => default;

    /// <summary><c>ZERO_SIZE_PTR</c>: what a zero-byte allocation returns; free accepts it, any access faults.</summary>
    public static PerCpuPtr ZeroSize => new(0, -1);

    public bool IsNull => Tag == 0 && Offset == 0;

    public bool IsZeroSize => Tag == -1;

    /// <summary>The pointer as one 64-bit value, for storing it in per-cpu memory (the pool's chain).</summary>
    public long ToRaw() => ((long)Tag << 32) | (uint)Offset;

    public static PerCpuPtr FromRaw(long raw) => new((int)(uint)raw, (int)(raw >> 32));

    /// <summary>A pointer <paramref name="bytes"/> further into the same allocation (same tag).</summary>
    public PerCpuPtr Plus(int bytes) => new(Offset + bytes, Tag);

    public override string ToString() =>
        IsNull ? "NULL"
        : IsZeroSize ? "ZERO_SIZE_PTR"
        : string.Create(CultureInfo.InvariantCulture, $"pcpu+0x{Offset:x}#{Tag}");
}
