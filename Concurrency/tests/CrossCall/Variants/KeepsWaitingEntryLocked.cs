using Conformance.Smp;

namespace Conformance.CrossCall.Variants;

/// <summary>
/// Broken (quiescent-clean): the last target of a waiting many-call leaves its entry csd_lock'ed, as if
/// the waiting sender unlocked it; nobody does, so the sender's next many-call spins in csd_lock.
/// </summary>
public sealed class KeepsWaitingEntryLocked(Platform platform) : GenericIpi(platform)
{
    protected override void CsdUnlock(CallSingleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Cfd is null || (data.Flags.Read() & CallSingleData.CsdFlagWait) == 0)
        {
            base.CsdUnlock(data);
        }
    }
}
