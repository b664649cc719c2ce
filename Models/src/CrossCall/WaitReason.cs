namespace Conformance.Models;

/// <summary>Why a calling CPU spins in the seed's code.</summary>
public enum WaitReason
{
    /// <summary><c>csd_lock(&amp;per_cpu(csd_data, me))</c>: its previous async single call is still queued.</summary>
    CsdLock,
    /// <summary><c>csd_lock(&amp;cfd_data[me].csd)</c>: its previous many call has not run on every target.</summary>
    CfdLock,
    /// <summary><c>csd_wait</c>: the call it made with wait has not run on every target.</summary>
    Completion,
}
