using Conformance.Catalog;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// generic-ipi whose csd_lock does not wait for the entry to be released: a second asynchronous call
/// from the same CPU re-fills (and re-queues) its per-cpu entry while the first is still queued, so one
/// call is lost and a target runs a call that was never sent to it.
/// </summary>
[Implementation("ipi-no-csd-lock",
    Description = "csd_lock takes the per-cpu entry without waiting: an entry still queued is overwritten",
    Mirrors = "the seed's reason for csd_lock (generic-ipi -v4 remove kmalloc, 8969a5ede0f9)")]
public sealed class IpiNoCsdLock(Platform platform) : GenericIpi(platform)
{
    /// <summary>The defect: <c>flags = CSD_FLAG_LOCK</c> without the spin.</summary>
    protected override void CsdLock(CallSingleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Flags.Write(CallSingleData.CsdFlagLock);
    }
}
