namespace Conformance.Models;

/// <summary>
/// What a pool was initialised with (<c>__PERCPU_POOL_INIT(name, size, align, low, high)</c>), and the
/// size and alignment the seed really asks the allocator for: each element carries the chain pointer.
/// </summary>
public sealed record PoolShape(int ElementSize, int ElementAlign, int Low, int High)
{
    /// <summary>Bytes of the chain pointer (<c>sizeof(void __percpu *)</c>).</summary>
    public const int PointerSize = 8;

    /// <summary><c>max(elem_size, sizeof(void __percpu *))</c>, as pcpu_pool_alloc_elems asks.</summary>
    public int AllocSize => Math.Max(ElementSize, PointerSize);

    /// <summary><c>max(elem_align, __alignof__(void __percpu *))</c>.</summary>
    public int AllocAlign => Math.Max(ElementAlign, PointerSize);

    /// <summary>Whether <c>PoolParameters.Validate</c> accepts these values.</summary>
    public bool IsValid =>
        ElementSize > 0 && ElementAlign > 0 && (ElementAlign & (ElementAlign - 1)) == 0 && Low >= 0 && High >= 0 && Low <= High;
}
