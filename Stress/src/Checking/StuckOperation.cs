namespace Conformance.Stress.Checking;

/// <summary>An operation that could have been linearised next at the point where the search got stuck, and why it could not.</summary>
public sealed record StuckOperation<TOp>(HistoryEntry<TOp> Entry, string Why);
