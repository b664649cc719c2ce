using System.Globalization;

namespace Conformance.Stress.Checking;

/// <summary>
/// The answer of <see cref="LinearizabilityChecker.Check"/>: the verdict, how big the history was and
/// how it was cut (independent sub-histories, segments between quiescent points), how much work the
/// search did, and for a violation the shortest failing window; for <see cref="CheckVerdict.Unknown"/>
/// the limit that was hit.
/// </summary>
public sealed record CheckResult<TOp>(
    CheckVerdict Verdict,
    int Operations,
    int Partitions,
    int Segments,
    long Steps,
    TimeSpan Elapsed,
    FailingWindow<TOp>? Window,
    string? Reason)
{
    /// <summary>One line: the verdict and the size of the check.</summary>
    public string Summary()
    {
        var size = string.Create(CultureInfo.InvariantCulture,
            $"{Operations} operation(s), {Partitions} sub-histories, {Segments} segment(s), {Steps} step(s), {Elapsed.TotalMilliseconds:0} ms");
        return Verdict switch
        {
            CheckVerdict.Linearizable => $"linearizable ({size})",
            CheckVerdict.NotLinearizable => $"NOT linearizable ({size}): {Reason}",
            _ => $"unknown ({size}): {Reason}",
        };
    }
}
