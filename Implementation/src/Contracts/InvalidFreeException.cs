namespace Conformance.Contracts;

/// <summary>
/// A free of a pointer that is not a live allocation's start: a double free, an interior pointer, a
/// pointer from another area. cpu_free's WARN_ON, made an error; the allocator is left unchanged.
/// </summary>
public sealed class InvalidFreeException(string message) : ArgumentException(message);
