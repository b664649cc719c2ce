namespace Conformance.Properties;

/// <summary>
/// An event the checks rely on, and the least share of cases it must occur in for a run to count: a
/// generator that stops producing it would make the property pass without testing anything.
/// </summary>
public sealed record EventMinimum(string Event, double MinimumPercent, string Why);
