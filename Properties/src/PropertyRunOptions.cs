using System.Globalization;

namespace Conformance.Properties;

/// <summary>
/// How many cases a property run generates and from which seed. The defaults keep a CI run short;
/// <c>CONFORMANCE_DEEP=1</c> runs ten times as many cases, <c>CONFORMANCE_SEED</c> picks the start seed.
/// </summary>
public sealed record PropertyRunOptions
{
    public const string DeepVariable = "CONFORMANCE_DEEP";

    public const string SeedVariable = "CONFORMANCE_SEED";

    /// <summary>Cases to generate; null for the mechanism's default (times ten when <see cref="Deep"/>).</summary>
    public int? MaxTest { get; init; }

    /// <summary>Ten times the default number of cases.</summary>
    public bool Deep { get; init; }

    /// <summary>The start seed; null for a fixed seed per mechanism, so a plain run is repeatable.</summary>
    public ulong? Seed { get; init; }

    /// <summary>The rule set the oracles hold the implementation to; null for the rules it claims.</summary>
    public Contracts.RuleSet? Rules { get; init; }

    /// <summary>Whether a run with too few occurrences of a relied-on event fails.</summary>
    public bool EnforceCoverage { get; init; } = true;

    /// <summary>The largest FsCheck size: sequences grow to about this many operations.</summary>
    public int EndSize { get; init; } = 60;

    /// <summary>The options the environment asks for (<c>CONFORMANCE_DEEP</c>, <c>CONFORMANCE_SEED</c>).</summary>
    public static PropertyRunOptions FromEnvironment()
    {
        var deep = Environment.GetEnvironmentVariable(DeepVariable) is "1" or "true";
        var seedText = Environment.GetEnvironmentVariable(SeedVariable);
        ulong? seed = ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        return new PropertyRunOptions { Deep = deep, Seed = seed };
    }

    internal int CasesFor(int defaultMaxTest) => MaxTest ?? (Deep ? defaultMaxTest * 10 : defaultMaxTest);
}
