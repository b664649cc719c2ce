namespace Conformance.Properties;

/// <summary>The events a pool case can show; the coverage table counts them.</summary>
public static class PoolEvents
{
    public const string AllocHit = "alloc got an element";
    public const string AllocEmpty = "alloc from an empty pool (NULL)";
    public const string AllocInIrq = "alloc in an interrupt handler";
    public const string AllocWithIrqsOff = "alloc with irqs disabled";
    public const string AllocLeavesLow = "alloc leaves nr at the low watermark";
    public const string AllocBelowLowInhibited = "alloc below low while inhibited";
    public const string RefillScheduled = "refill scheduled";
    public const string RefillRan = "refill ran";
    public const string InhibitSet = "inhibit_fill set";
    public const string InhibitCleared = "inhibit_fill cleared by alloc";
    public const string FillExhausted = "fill ran out of reserve";
    public const string EmptyCancelsRefill = "empty with refill pending";
    public const string FreeHeld = "held element freed";
    public const string InvalidParametersRejected = "invalid parameters rejected";
}
