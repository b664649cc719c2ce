using Conformance.Backends.Threaded;
using Conformance.Implementation.Tests.Smp;
using Conformance.Smp;
using Xunit.Abstractions;

namespace Conformance.Implementation.Tests.Backends;

/// <summary>Every platform conformance test again, on real threads with random delays at scheduling points.</summary>
public sealed class ChaoticThreadedPlatformTests : PlatformConformanceTests
{
    private const int Seed = 20080219;

    public ChaoticThreadedPlatformTests(ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Shown with a failing test: the delay choices of its run follow from it.
        output.WriteLine($"chaos seed {Seed}");
    }

    protected override IMachineDriver CreateDriver(int cpus, int workers = 1) =>
        new ThreadedPlatform(cpus, workers, new ThreadedOptions { Chaos = new ChaosOptions(Seed, Probability: 0.3, MaxSpin: 100) });
}
