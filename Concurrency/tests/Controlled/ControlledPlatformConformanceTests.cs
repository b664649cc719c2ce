using Conformance.Concurrency.Controlled;
using Conformance.Concurrency.Strategies;
using Conformance.Implementation.Tests.Smp;
using Conformance.Smp;

namespace Conformance.Concurrency.Tests.Controlled;

/// <summary>
/// Every platform conformance test on the controlled backend, each under one random schedule of a
/// fixed seed (the exploration tests cover many schedules).
/// </summary>
public sealed class ControlledPlatformConformanceTests : PlatformConformanceTests
{
    protected override IMachineDriver CreateDriver(int cpus, int workers = 1)
    {
        var strategy = new RandomStrategy();
        strategy.BeginIteration(0, 20261122);
        // The spinlock tests take thousands of points: well within this bound, far beyond a livelock's.
        return new ControlledPlatform(cpus, strategy, workers, stepBound: 1_000_000);
    }
}
