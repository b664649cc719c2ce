namespace Conformance.Concurrency.Exploration;

/// <summary>
/// What makes two failures "the same" for the minimiser: the exception type and, for an oracle
/// violation, which oracle. Values in the message may differ between schedules.
/// </summary>
public static class FailureSignature
{
    public static string Of(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is OracleViolationException violation
            ? $"{nameof(OracleViolationException)}:{violation.Oracle}"
            : error.GetType().FullName ?? error.GetType().Name;
    }
}
