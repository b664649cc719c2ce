namespace Conformance.Memory;

/// <summary>
/// A KASAN-style report: an access through a per-cpu pointer touched bytes outside the area, bytes
/// that are free, or bytes that belong to another allocation than the pointer's.
/// </summary>
public sealed class ShadowViolationException(string message) : Exception(message);
