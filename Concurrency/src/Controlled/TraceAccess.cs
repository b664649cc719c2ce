using Conformance.Smp;

namespace Conformance.Concurrency.Controlled;

/// <summary>A shared access seen while values are traced: after decision <paramref name="Step"/>, on a context.</summary>
public readonly record struct TraceAccess(int Step, int Context, PointKind Kind, string Location, string Value);
