using Conformance.Smp;

namespace Conformance.CrossCall.Variants;

/// <summary>Broken (func-context): the single handler re-enables interrupts before it runs an entry.</summary>
public sealed class HandlerEnablesIrqs(Platform platform) : GenericIpi(platform)
{
    protected override void CallSingleEntry(CallSingleData data)
    {
        Platform.LocalIrqEnable();
        base.CallSingleEntry(data);
    }
}
