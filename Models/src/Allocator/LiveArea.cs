namespace Conformance.Models;

/// <summary>
/// One live allocation as the model sees it: where it starts, what was asked, and the handle (the
/// implementation's tagged pointer, as an opaque number) that frees it.
/// </summary>
public sealed record LiveArea(int Offset, int Size, int Align, bool Big, long Handle)
{
    /// <summary><c>size_to_units</c>: the 4-byte units the seed's map marks for this area.</summary>
    public int Units => AllocatorModel.SizeToUnits(Size);

    /// <summary>The first unit the area covers.</summary>
    public int FirstUnit => Offset / AllocatorModel.UnitSize;

    /// <summary>One past the last byte the caller may use.</summary>
    public int End => Offset + Size;

    public bool Overlaps(int offset, int size) => offset < End && Offset < offset + size;

    public override string ToString() =>
        $"{(Big ? "big " : "")}0x{Offset:x}+{Size} (align {Align}, {Units} unit(s), handle {Handle:x})";
}
