namespace Conformance.Concurrency.Controlled;

/// <summary>One line of an interleaving report: at decision <paramref name="Step"/>, on a context.</summary>
public readonly record struct TraceEvent(int Step, int Context, TraceEventKind Kind, string Text);
