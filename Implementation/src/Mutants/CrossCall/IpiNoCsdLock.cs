using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// generic-ipi whose asynchronous single call fills its per-cpu <c>csd_data</c> without waiting in
/// csd_lock: a second call from the same CPU re-fills (and re-queues) the entry while the first is still
/// queued, so one call is lost and a target may run the other twice or walk a corrupted queue.
/// call_many's <c>cfd_data</c> entry is still csd_lock'ed as in the reference.
/// </summary>
/// <remarks>
/// Exposed by back-to-back no-wait single calls to one target (the csd-lock scenarios, and the
/// cross-call property, where the target takes its interrupt only when the sequence delivers it).
/// </remarks>
[Implementation("ipi-no-csd-lock",
    Description = "an async single call fills the per-cpu csd without taking csd_lock: an entry still queued is overwritten",
    Mirrors = "the seed's reason for csd_lock (generic-ipi -v4 remove kmalloc, 8969a5ede0f9)",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiNoCsdLock(Platform platform) : GenericIpi(platform)
{
    /// <summary>
    /// The defect: for a csd that is not a <c>call_function_data</c>'s (the single call's <c>csd_data</c>),
    /// <c>flags = CSD_FLAG_LOCK</c> without the spin.
    /// </summary>
    protected override void CsdLock(CallSingleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Cfd is not null)
        {
            base.CsdLock(data);
            return;
        }
        data.Flags.Write(CallSingleData.CsdFlagLock);
    }
}
