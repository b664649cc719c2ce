namespace Conformance.Cli.Checks;

/// <summary>How far a running check has got: iterations (cases, schedules, rounds) done, and optionally what it is doing.</summary>
public readonly record struct CheckProgress(long Executed, string? Status = null);
