using Conformance.Smp;

namespace Conformance.Cli.Tests.Fakes;

/// <summary>The smallest platform: one CPU, the caller; a wait whose condition is false can never end.</summary>
public sealed class OneCpuPlatform() : Platform(1)
{
    public override string Backend => "one-cpu test platform";

    public override int CurrentContext => 0;

    public override void WaitUntil(Func<bool> condition, object waitingFor)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (!condition())
        {
            throw new InvalidOperationException($"CPU0 would wait forever for {waitingFor}");
        }
    }

    protected override void Point(PointKind kind, object? target)
    {
    }
}
