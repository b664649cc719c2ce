namespace Conformance.Smp;

/// <summary>
/// An implementation broke a rule of the machine: unlocking a lock it does not hold, re-taking a lock
/// it holds, running where it may not. Always a bug in the code under test, never in the harness.
/// </summary>
public sealed class PlatformViolationException(string message) : Exception(message);
