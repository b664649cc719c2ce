namespace Conformance.Models;

/// <summary>
/// What the seed's <c>cpu_alloc</c> loop returns: the offset it picks (null: out of memory) and the
/// <c>first_free</c> hint it leaves behind (which moves even when the search fails).
/// </summary>
public readonly record struct FirstFit(int? Offset, int FirstFreeAfter);
