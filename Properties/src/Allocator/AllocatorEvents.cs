namespace Conformance.Properties;

/// <summary>The events an allocator case can show; the coverage table counts them.</summary>
public static class AllocatorEvents
{
    public const string Alloc = "alloc";
    public const string AllocFailed = "alloc failed (out of space)";
    public const string HoleReused = "hole reused (below a live area)";
    public const string AlignedAlloc = "aligned alloc (align > 4)";
    public const string WordCrossing = "alloc across a bitmap word (64 units)";
    public const string BigAlloc = "big alloc";
    public const string BigAllocFailed = "big alloc failed";
    public const string ZeroSize = "zero-size alloc";
    public const string Free = "free";
    public const string FreeBelowFirstFree = "free below first_free";
    public const string FreeNullOrZero = "free(NULL / ZERO_SIZE_PTR)";
    public const string InvalidFreeRejected = "invalid free rejected";
    public const string StaleFreeOfReusedUnits = "stale free of re-used units";
    public const string NegativeSizeRejected = "negative size rejected";
    public const string BadAlignRejected = "bad alignment rejected";
    public const string AllocWithIrqsOff = "alloc with irqs disabled";
}
