using Conformance.Catalog;
using Conformance.Cli.Checks;

namespace Conformance.Cli.Mutants;

/// <summary>One check on one implementation: killed (a violation, with its reproduction), survived or undecided, and what it took.</summary>
public sealed record KillCell(ImplementationEntry Implementation, KillColumn Column, CheckResult? Result)
{
    /// <summary>The check does not cover this implementation's mechanism.</summary>
    public bool NotApplicable => Result is null;

    public bool Killed => Result?.Verdict == CheckVerdict.Violation;

    /// <summary>No violation, but the check could not decide all it ran: neither killed nor survived.</summary>
    public bool Undecided => Result?.Verdict == CheckVerdict.Unknown;

    public CheckFailure? Kill => Killed ? Result!.Failures[0] : null;
}
