using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// generic-ipi whose single-queue handler csd_unlocks the entry and only then reads func and info from
/// it. The owner may re-fill the unlocked entry in between: the target runs the next call's function
/// and argument (so that call runs twice and the first is lost), or reads an entry that is being freed.
/// </summary>
/// <remarks>
/// Exposed by back-to-back no-wait single calls through the same per-cpu csd (the csd-lock scenarios).
/// </remarks>
[Implementation("ipi-unlock-before-copy",
    Description = "the single-queue handler unlocks the csd, then reads func/info from it",
    Mirrors = "the rule in 8053871d0f7f (copy before unlock); a 2020 debug-code bug",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiUnlockBeforeCopy(Platform platform) : GenericIpi(platform)
{
    /// <summary>The reference's entry step with the copies of func and info moved after csd_unlock.</summary>
    protected override void CallSingleEntry(CallSingleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var wait = (data.Flags.Read() & CallSingleData.CsdFlagWait) != 0;

        if ((data.Flags.Read() & CallSingleData.CsdFlagLock) != 0)
        {
            CsdUnlock(data);
        }

        // The defect: the entry may already have been re-filled by its owner.
        var func = data.Func.Read();
        var info = data.Info.Read();

        Invoke(func, info, data);

        if (wait)
        {
            CsdComplete(data);
        }
    }
}
