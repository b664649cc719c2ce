using Conformance.Allocator;
using Conformance.Mutants;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Properties.Tests;

/// <summary>
/// <c>CONFORMANCE_REPLAY</c>: a contract test whose implementation and level the line names replays
/// exactly that case; every other test runs as usual.
/// </summary>
public sealed class ReplayEnvironmentTests(ITestOutputHelper output)
{
    [Fact]
    public void The_matching_test_replays_the_line_and_reports_the_same_failure()
    {
        var first = ConformanceCheck.Property(typeof(PoolNoRefillWhenEmpty), ConformanceLevel.Contract, new PropertyRunOptions());
        var line = Assert.IsType<PropertyFailure>(first.Failure).Reproduction;
        var saved = Environment.GetEnvironmentVariable(Reproduction.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(Reproduction.EnvironmentVariable, line);
            Assert.Equal(line, PropertyReplay.Requested(typeof(PoolNoRefillWhenEmpty), ConformanceLevel.Contract)?.ToString());
            Assert.Null(PropertyReplay.Requested(typeof(PoolNoRefillWhenEmpty), ConformanceLevel.Strict));
            Assert.Null(PropertyReplay.Requested(typeof(CpuAlloc), ConformanceLevel.Contract));

            var failure = Assert.ThrowsAny<Exception>(() =>
                ConformanceAssert.Holds(typeof(PoolNoRefillWhenEmpty), ConformanceLevel.Contract, new PropertyRunOptions(), output));
            Assert.Contains("reproduce: " + line, failure.Message, StringComparison.Ordinal);
            Assert.Contains(first.Failure!.Sequence, failure.Message, StringComparison.Ordinal);
            Assert.Contains("FAILED after 1 case(s)", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Reproduction.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void A_line_names_an_implementation_that_must_exist()
    {
        Assert.ThrowsAny<Exception>(() => PropertyReplay.Run("prop:pool:no-such-pool:contract:1:3:5"));
        Assert.ThrowsAny<Exception>(() => PropertyReplay.Run("prop:crosscall:reference:contract:1:3:5", typeof(CpuAlloc)));
    }
}
