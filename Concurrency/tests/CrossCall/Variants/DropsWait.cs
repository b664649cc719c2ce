using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.CrossCall.Variants;

/// <summary>Broken (early-return): call_single drops its caller's wait flag and returns before the target ran func.</summary>
public sealed class DropsWait(Platform platform) : GenericIpi(platform)
{
    public override int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait) => base.CallSingle(cpu, func, info, wait && cpu == Platform.ThisCpu);
}
