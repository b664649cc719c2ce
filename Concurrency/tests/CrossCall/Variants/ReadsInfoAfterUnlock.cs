using Conformance.Smp;

namespace Conformance.CrossCall.Variants;

/// <summary>
/// Broken (foreign-payload): the single handler copies info after csd_unlock, so a sender that re-fills
/// its entry at once has the func of one call run with the info of the next.
/// </summary>
public sealed class ReadsInfoAfterUnlock(Platform platform) : GenericIpi(platform)
{
    protected override void CallSingleEntry(CallSingleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var func = data.Func.Read();
        var wait = (data.Flags.Read() & CallSingleData.CsdFlagWait) != 0;
        if ((data.Flags.Read() & CallSingleData.CsdFlagLock) != 0)
        {
            CsdUnlock(data);
        }
        // The defect: info is read from the entry after it may have been re-filled.
        var info = data.Info.Read();
        Invoke(func, info, data);
        if (wait)
        {
            CsdComplete(data);
        }
    }
}
