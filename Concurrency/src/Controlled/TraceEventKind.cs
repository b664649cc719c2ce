namespace Conformance.Concurrency.Controlled;

/// <summary>What a line of an interleaving report is.</summary>
public enum TraceEventKind : byte
{
    /// <summary>A shared access with its value, or another platform operation (lock, IPI, barrier).</summary>
    Access,
    /// <summary>An operation of the scenario beginning or returning (<c>Platform.Annotate</c>).</summary>
    Operation,
    /// <summary>The context stops running here; the text says why (preempted, waits for a lock, finished).</summary>
    Switch,
    /// <summary>An IPI is delivered: the CPU's handler starts.</summary>
    Interrupt,
}
