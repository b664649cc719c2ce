using Conformance.Smp;

namespace Conformance.CrossCall.Variants;

/// <summary>Broken (early-return): the single handler releases a waiting sender before it runs func.</summary>
public sealed class CompletesBeforeFunc(Platform platform) : GenericIpi(platform)
{
    protected override void CallSingleEntry(CallSingleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var func = data.Func.Read();
        var info = data.Info.Read();
        var wait = (data.Flags.Read() & CallSingleData.CsdFlagWait) != 0;
        if ((data.Flags.Read() & CallSingleData.CsdFlagLock) != 0)
        {
            CsdUnlock(data);
        }
        // The defect: the completion moved above the call.
        if (wait)
        {
            CsdComplete(data);
        }
        Invoke(func, info, data);
    }
}
