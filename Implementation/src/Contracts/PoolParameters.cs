namespace Conformance.Contracts;

/// <summary>
/// What <c>__PERCPU_POOL_INIT(name, size, align, low, high)</c> takes. Invalid combinations (zero or
/// negative size, alignment not a power of two, negative watermarks, low above high) are rejected by
/// <see cref="Validate"/> with an <see cref="ArgumentException"/>.
/// </summary>
public sealed record PoolParameters(int ElementSize, int ElementAlign, int Low, int High)
{
    public PoolParameters Validate()
    {
        if (ElementSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ElementSize), ElementSize, "a pool element has a positive size");
        }
        if (ElementAlign <= 0 || (ElementAlign & (ElementAlign - 1)) != 0)
        {
            throw new ArgumentException($"element alignment {ElementAlign} is not a power of two", nameof(ElementAlign));
        }
        if (Low < 0 || High < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Low), $"watermarks are not negative (low {Low}, high {High})");
        }
        if (Low > High)
        {
            throw new ArgumentException($"low watermark {Low} is above high watermark {High}", nameof(Low));
        }
        return this;
    }
}
