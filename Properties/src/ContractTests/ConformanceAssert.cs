using Xunit;
using Xunit.Abstractions;

namespace Conformance.Properties;

/// <summary>
/// What every inherited contract test does: runs the property (or replays the line in
/// <c>CONFORMANCE_REPLAY</c> when it names this implementation and level), writes the report, and
/// fails with it.
/// </summary>
public static class ConformanceAssert
{
    public static PropertyResult Holds(Type implementationType, ConformanceLevel level, PropertyRunOptions options, ITestOutputHelper? output)
    {
        ArgumentNullException.ThrowIfNull(implementationType);
        var replay = PropertyReplay.Requested(implementationType, level);
        var result = replay is null
            ? ConformanceCheck.Property(implementationType, level, options)
            : PropertyReplay.Run(replay.ToString(), implementationType);
        output?.WriteLine(replay is null ? result.Describe() : $"replayed {replay}\n{result.Describe()}");
        if (!result.Passed)
        {
            Assert.Fail(result.Describe());
        }
        return result;
    }
}
