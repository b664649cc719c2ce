using Conformance.Smp;

namespace Samples.PerTargetCrossCall.Tests;

/// <summary>
/// The sample with the one defect 8053871d0f7f rules out: the handler unlocks an asynchronous csd, then
/// reads func and info from it. The sender may re-fill the entry in between, so the target runs the
/// next call's func or info (the suite's <c>ipi-unlock-before-copy</c>, on the per-target design).
/// </summary>
public sealed class UnlockBeforeCopy(Platform platform) : PerTargetCrossCall(platform)
{
    protected override void CallSingleEntry(CallSingleData csd)
    {
        ArgumentNullException.ThrowIfNull(csd);
        var synchronous = (csd.Flags.Read() & CallSingleData.FlagSynchronous) != 0;
        if (!synchronous)
        {
            csd.Unlock();
        }
        var func = csd.Func.Read() ?? throw new InvalidOperationException($"{csd.Name} was queued with a NULL func");
        func(csd.Info.Read());
        if (synchronous)
        {
            csd.Unlock();
        }
    }
}
