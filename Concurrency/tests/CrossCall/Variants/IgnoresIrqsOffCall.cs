using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.CrossCall.Variants;

/// <summary>Broken (irqs-off-rejected): call_many with interrupts disabled quietly does nothing instead of the WARN.</summary>
public sealed class IgnoresIrqsOffCall(Platform platform) : GenericIpi(platform)
{
    public override void CallMany(CpuMask mask, SmpCallFunc func, object? info, bool wait)
    {
        if (!Platform.IrqsDisabled)
        {
            base.CallMany(mask, func, info, wait);
        }
    }
}
