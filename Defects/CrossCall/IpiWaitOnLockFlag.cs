using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose <c>csd_wait</c> tests the lock flag. The changed line: <c>CSD_FLAG_WAIT</c> became
/// <c>CSD_FLAG_LOCK</c> in the spin, the two flags being set side by side. A waiting single call uses an
/// on-stack entry that is never locked, so it returns before func ran; a waiting call_many returns as
/// soon as the last target unlocks the entry, before that target's func.
/// </summary>
[Implementation("ipi-wait-on-lock-flag",
    Description = "csd_wait spins on CSD_FLAG_LOCK instead of CSD_FLAG_WAIT: a waiting single call returns at once",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiWaitOnLockFlag(Platform platform) : GenericIpi(platform)
{
    protected override void CsdWait(CallSingleData data) =>
        Platform.WaitUntil(() => (data.Flags.Read() & CallSingleData.CsdFlagLock) == 0, data.WaitWaiting);
}
