using Xunit;
using Xunit.Abstractions;

namespace Conformance.Properties;

/// <summary>
/// The contract tests of the per-cpu allocator (alloc_percpu over cpu_alloc), to subclass for an implementation (the dotnet/runtime pattern):
/// give <see cref="ImplementationType"/> (a type implementing <c>IPerCpuAllocator</c> with the contract's
/// constructor) and, for the reference's policy, <see cref="Level"/>; every test is inherited.
/// </summary>
public abstract class AllocatorConformanceTests
{
    private readonly ITestOutputHelper? output;

    protected AllocatorConformanceTests()
    {
    }

    protected AllocatorConformanceTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    /// <summary>The implementation under test, built through <c>ImplementationFactory</c>.</summary>
    protected abstract Type ImplementationType { get; }

    /// <summary>Contract (safety and liveness) unless overridden.</summary>
    protected virtual ConformanceLevel Level => ConformanceLevel.Contract;

    /// <summary>How many cases and from which seed; the environment's (<c>CONFORMANCE_DEEP</c>, <c>CONFORMANCE_SEED</c>) unless overridden.</summary>
    protected virtual PropertyRunOptions Options => PropertyRunOptions.FromEnvironment();

    /// <summary>Generated operation sequences run on the implementation and the model side by side, shrunk on failure.</summary>
    [Fact]
    public void Operation_sequences_conform_to_the_model() =>
        ConformanceAssert.Holds(ImplementationType, Level, Options, output);
}
