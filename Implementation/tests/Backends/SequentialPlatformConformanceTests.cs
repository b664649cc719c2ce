using Conformance.Backends.Sequential;
using Conformance.Implementation.Tests.Smp;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Backends;

/// <summary>Every platform conformance test on the sequential backend.</summary>
public sealed class SequentialPlatformConformanceTests : PlatformConformanceTests
{
    protected override IMachineDriver CreateDriver(int cpus, int workers = 1) => new SequentialPlatform(cpus, workers);
}
