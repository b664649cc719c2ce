using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.CrossCall.Variants;

/// <summary>Broken (enxio): call_single to a CPU that is not online returns 0 instead of -ENXIO.</summary>
public sealed class DropsEnxio(Platform platform) : GenericIpi(platform)
{
    public override int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait) => Math.Max(0, base.CallSingle(cpu, func, info, wait));
}
