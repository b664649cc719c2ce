namespace Conformance.Backends.Cooperative;

/// <summary>Where a context of a cooperative machine stands.</summary>
public enum ContextStatus : byte
{
    /// <summary>No program (or its program returned): a CPU only takes interrupts, a worker only starts work.</summary>
    Idle,
    /// <summary>Has a program that has not started yet.</summary>
    Ready,
    /// <summary>Holds the baton.</summary>
    Running,
    /// <summary>Stopped at a scheduling point; can go on whenever it is picked.</summary>
    Preempted,
    /// <summary>Spinning in a wait (a lock, a csd flag) until a location it read is written.</summary>
    Waiting,
}
