namespace Conformance.Cli.Checks;

/// <summary>What one check found on one implementation.</summary>
/// <param name="Verdict">Conforms, or a violation was found.</param>
/// <param name="Executed">How many iterations ran (cases, schedules, stress rounds).</param>
/// <param name="Unit">What an iteration is, plural: <c>cases</c>, <c>schedules</c>, <c>rounds</c>.</param>
/// <param name="Elapsed">Wall-clock time the check took.</param>
/// <param name="Failures">The failures found, each with its reproduction; empty when it conforms.</param>
public sealed record CheckResult(CheckVerdict Verdict, long Executed, string Unit, TimeSpan Elapsed, IReadOnlyList<CheckFailure> Failures)
{
    public static CheckResult Conforms(long executed, string unit, TimeSpan elapsed) =>
        new(CheckVerdict.Conforms, executed, unit, elapsed, []);

    public static CheckResult Violation(long executed, string unit, TimeSpan elapsed, params CheckFailure[] failures)
    {
        if (failures.Length == 0)
        {
            throw new ArgumentException("a violation carries at least one failure, with its reproduction", nameof(failures));
        }
        return new(CheckVerdict.Violation, executed, unit, elapsed, failures);
    }
}
