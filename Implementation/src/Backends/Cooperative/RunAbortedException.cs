namespace Conformance.Backends.Cooperative;

/// <summary>
/// Unwinds a context's stack when its run is over (a failure elsewhere, or the machine shut down), so
/// that no thread is left parked. Code under test must let it pass.
/// </summary>
public sealed class RunAbortedException() : Exception("the run was stopped; this context is being unwound");
