using Conformance.Clauses;

namespace Conformance.Memory;

/// <summary>
/// A KASAN-style report: an access through a per-cpu pointer touched bytes outside the area, bytes
/// that are free, or bytes that belong to another allocation than the pointer's.
/// </summary>
public sealed class ShadowViolationException(string message) : Exception(message)
{
    /// <summary>
    /// The allocator clause the report is evidence against, when the shadow itself was being marked
    /// (a hand-out over live bytes or outside the area, a free of bytes the allocation does not own);
    /// null for an access, which may be the user's fault.
    /// </summary>
    public Clause? Clause { get; init; }

    /// <summary>The tag that owned the offending byte (0 when it was free or outside the area).</summary>
    public int Owner { get; init; }
}
