using Conformance.Pool;
using Xunit.Abstractions;

namespace Conformance.Properties.Tests;

public sealed class ReferencePoolContractTests(ITestOutputHelper output) : PoolConformanceTests(output)
{
    protected override Type ImplementationType => typeof(PercpuPool);
}

public sealed class ReferencePoolStrictTests(ITestOutputHelper output) : PoolConformanceTests(output)
{
    protected override Type ImplementationType => typeof(PercpuPool);

    protected override ConformanceLevel Level => ConformanceLevel.Strict;
}
