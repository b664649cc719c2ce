using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Stress.Tests.Mutants;

/// <summary>
/// Generic IPI whose waiting caller never sees the completion: csd_wait spins on a condition that never
/// holds. Every call still runs; the machine just stops making progress at the first waiting call.
/// </summary>
public sealed class StuckWaitIpi(Platform platform) : GenericIpi(platform)
{
    protected override void CsdWait(CallSingleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Platform.WaitUntil(() => data.Flags.Read() < 0, data.WaitWaiting);
    }
}
