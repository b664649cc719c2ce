using Conformance.CrossCall;
using Xunit.Abstractions;

namespace Conformance.Properties.Tests;

public sealed class ReferenceCrossCallContractTests(ITestOutputHelper output) : CrossCallConformanceTests(output)
{
    protected override Type ImplementationType => typeof(GenericIpi);
}

public sealed class ReferenceCrossCallStrictTests(ITestOutputHelper output) : CrossCallConformanceTests(output)
{
    protected override Type ImplementationType => typeof(GenericIpi);

    protected override ConformanceLevel Level => ConformanceLevel.Strict;
}
