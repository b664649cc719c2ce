using Conformance.Catalog;

namespace Conformance.Cli.Checks;

/// <summary>One check on one implementation: its result, or the exception with which the check itself crashed.</summary>
public sealed record CheckRun(ImplementationEntry Implementation, ICheck Check, CheckResult? Result, Exception? Crash)
{
    public bool IsViolation => Result?.Verdict == CheckVerdict.Violation;

    /// <summary>The check ran without a violation but could not decide all it ran.</summary>
    public bool IsUnknown => Result?.Verdict == CheckVerdict.Unknown;

    public bool Crashed => Crash is not null;

    /// <summary>The run held the implementation to the seed's rules and saw a clause broken under the kernel's.</summary>
    public bool Deviates => Result is { Deviations.Count: > 0 };
}
