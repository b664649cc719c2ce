namespace Conformance.Properties;

/// <summary>The events a cross-call case can show; the coverage table counts them.</summary>
public static class CrossCallEvents
{
    public const string LocalCall = "local call (to the caller's CPU)";
    public const string OfflineTarget = "call to a CPU not online (-ENXIO)";
    public const string NothingToDo = "call_many with no other online CPU";
    public const string FastPath = "call_many with one target (fast path)";
    public const string ManyCall = "call_many with several targets";
    public const string WaitingCaller = "a waiting caller blocked";
    public const string CsdLockWait = "a caller spun for its busy entry";
    public const string SeveralEntries = "a handler ran several calls";
    public const string EntriesQueuedTogether = "a many call while another is queued";
    public const string DeliverToWaitingCpu = "interrupt taken by a waiting CPU";
    public const string DeliverRefused = "interrupt held off (irqs disabled)";
    public const string IrqsOffCallRejected = "call_many with irqs disabled rejected";
    public const string CallerReleased = "a waiting caller released";
}
