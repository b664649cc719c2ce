using Conformance.Properties;
using Xunit.Abstractions;

namespace Samples.PerTargetCrossCall.Tests;

/// <summary>Every contract test of the suite, inherited, on the sample.</summary>
public sealed class PerTargetCrossCallContractTests(ITestOutputHelper output) : CrossCallConformanceTests(output)
{
    protected override Type ImplementationType => typeof(PerTargetCrossCall);
}
