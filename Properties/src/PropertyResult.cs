using System.Globalization;
using System.Text;
using Conformance.Catalog;

namespace Conformance.Properties;

/// <summary>The result of one property run for one implementation at one level.</summary>
public sealed record PropertyResult(
    Mechanism Mechanism,
    string Implementation,
    ConformanceLevel Level,
    int Cases,
    TimeSpan Elapsed,
    CoverageReport Coverage,
    PropertyFailure? Failure,
    IReadOnlyList<string> CoverageShortfalls)
{
    /// <summary>No violation, and every relied-on event occurred often enough.</summary>
    public bool Passed => Failure is null && CoverageShortfalls.Count == 0;

    /// <summary>The reproduction line of the failure, or null.</summary>
    public string? Reproduction => Failure?.Reproduction;

    public double CasesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Cases / Elapsed.TotalSeconds;

    public string Title =>
        $"{Properties.Reproduction.MechanismName(Mechanism)}/{Implementation} at {Properties.Reproduction.LevelName(Level)} level";

    /// <summary>The whole report: verdict, speed, coverage table, failure or shortfalls.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        var verdict = Failure is not null ? "FAILED" : CoverageShortfalls.Count > 0 ? "COVERAGE TOO LOW" : "passed";
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"{Title}: {verdict}, {Cases} case(s) in {Elapsed.TotalSeconds:0.00} s ({CasesPerSecond:0} cases/s)");
        sb.Append(Coverage.Table());
        foreach (var shortfall in CoverageShortfalls)
        {
            sb.AppendLine("coverage shortfall: " + shortfall);
        }
        if (Failure is not null)
        {
            sb.AppendLine(Failure.Report());
        }
        return sb.ToString();
    }

}
