namespace Conformance.Concurrency.Controlled;

/// <summary>
/// A replayed run did not follow its recorded trace: the code under test, the scenario or the trace
/// changed since it was recorded, or the code is not deterministic under the platform.
/// </summary>
public sealed class ReplayDivergenceException(string message) : Exception(message);
