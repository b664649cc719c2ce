namespace Conformance.Properties;

/// <summary>What one generated case did: the violation (null when it conformed), the events it saw and its operation mix.</summary>
public sealed record CaseOutcome(StepViolation? Violation, IReadOnlySet<string> Events, IReadOnlyDictionary<string, int> Operations);
