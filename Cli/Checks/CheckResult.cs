namespace Conformance.Cli.Checks;

/// <summary>What one check found on one implementation.</summary>
/// <param name="Verdict">Conforms, a violation was found, or the check could not decide.</param>
/// <param name="Executed">How many iterations ran (cases, schedules, stress runs).</param>
/// <param name="Unit">What an iteration is, plural: <c>cases</c>, <c>schedules</c>, <c>runs</c>.</param>
/// <param name="Elapsed">Wall-clock time the check took.</param>
/// <param name="Failures">
/// The failures found, each with its reproduction; for <see cref="CheckVerdict.Unknown"/>, the runs that
/// could not be decided and why; empty when it conforms.
/// </param>
public sealed record CheckResult(CheckVerdict Verdict, long Executed, string Unit, TimeSpan Elapsed, IReadOnlyList<CheckFailure> Failures)
{
    /// <summary>One line the check wants shown with the result (e.g. that a replay does not replay thread timing); null for none.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Wall time from the check's start to the detection of its first violation: what a kill took,
    /// without what the check does after it (shrinking, minimising, reporting), which
    /// <see cref="Elapsed"/> includes. Null when no violation was found or the check does not say.
    /// </summary>
    public TimeSpan? Detected { get; init; }

    /// <summary>The rule set the check held the implementation to.</summary>
    public Contracts.RuleSet Rules { get; init; } = Contracts.RuleSet.Kernel;

    /// <summary>Clauses broken under the kernel's reading in a run at the seed's rules: neither a pass nor a violation.</summary>
    public IReadOnlyList<CheckDeviation> Deviations { get; init; } = [];

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

    /// <summary>Nothing failed but <paramref name="undecided"/> could not be decided: never reported as a pass.</summary>
    public static CheckResult Unknown(long executed, string unit, TimeSpan elapsed, params CheckFailure[] undecided)
    {
        if (undecided.Length == 0)
        {
            throw new ArgumentException("an unknown result says which iteration could not be decided, and why", nameof(undecided));
        }
        return new(CheckVerdict.Unknown, executed, unit, elapsed, undecided);
    }
}
