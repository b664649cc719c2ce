namespace Conformance.Backends.Threaded;

/// <summary>
/// Unwinds a context of a run that is ending because another context failed or the time ran out.
/// Never the reported failure: the reason was recorded before the stop was requested.
/// </summary>
internal sealed class MachineStoppedException() : Exception("the threaded run is stopping");
