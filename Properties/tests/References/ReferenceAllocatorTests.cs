using Conformance.Allocator;
using Xunit.Abstractions;

namespace Conformance.Properties.Tests;

public sealed class ReferenceAllocatorContractTests(ITestOutputHelper output) : AllocatorConformanceTests(output)
{
    protected override Type ImplementationType => typeof(CpuAlloc);
}

public sealed class ReferenceAllocatorStrictTests(ITestOutputHelper output) : AllocatorConformanceTests(output)
{
    protected override Type ImplementationType => typeof(CpuAlloc);

    protected override ConformanceLevel Level => ConformanceLevel.Strict;
}
