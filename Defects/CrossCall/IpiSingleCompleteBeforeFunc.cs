using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// generic-ipi whose single-queue handler completes the entry before running func. The changed line:
/// <c>if (wait) csd_complete(data)</c> moved above the call, next to the <c>csd_unlock</c> it resembles.
/// The copies of func and info are taken first, so the function and its argument are right; but a waiting
/// <c>smp_call_function_single</c> returns while func has not run yet, and its caller may reuse or free
/// <c>info</c> under it.
/// </summary>
[Implementation("ipi-single-complete-before-func",
    Description = "the single-queue handler completes a waiting call before running its func: the sender returns early",
    Rules = RuleSet.Seed, KnownDeviations = ["early-return"])]
public sealed class IpiSingleCompleteBeforeFunc(Platform platform) : GenericIpi(platform)
{
    protected override void CallSingleEntry(CallSingleData data)
    {
        var func = data.Func.Read();
        var info = data.Info.Read();
        var wait = (data.Flags.Read() & CallSingleData.CsdFlagWait) != 0;

        if ((data.Flags.Read() & CallSingleData.CsdFlagLock) != 0)
        {
            CsdUnlock(data);
        }

        if (wait)
        {
            CsdComplete(data);
        }

        Invoke(func, info, data);
    }
}
