namespace Conformance.Models;

/// <summary>The way the seed's code serves a call, decided by its targets alone.</summary>
public enum CallPath
{
    /// <summary>No target is left (the mask held only the caller or offline CPUs): nothing runs.</summary>
    Nothing,
    /// <summary>A single call to the caller's own CPU: runs at once, interrupts disabled.</summary>
    Local,
    /// <summary>A single call to a CPU that is not online: -ENXIO, nothing runs.</summary>
    Offline,
    /// <summary>One remote target, no wait: the caller's per-cpu <c>csd_data</c>, under <c>csd_lock</c>.</summary>
    SingleAsync,
    /// <summary>One remote target, wait: a csd on the caller's stack, then <c>csd_wait</c>.</summary>
    SingleSync,
    /// <summary>Two or more targets: the caller's <c>cfd_data</c>, under <c>csd_lock</c>, at the head of the global queue.</summary>
    Many,
}
