namespace Conformance.Properties;

/// <summary>
/// A property's failure, shrunk: the minimal sequence, the failing step, the model's state before it,
/// what the implementation did against what the model expected, and the one line that reproduces it.
/// </summary>
public sealed record PropertyFailure(
    string Reproduction,
    string Sequence,
    int Step,
    string Operation,
    string Check,
    string ModelBefore,
    string Expected,
    string Actual,
    int Shrinks,
    int CaseNumber)
{
    /// <summary>The full report, ending with the reproduction line.</summary>
    public string Report() =>
        $"""
        FAILED after {CaseNumber} case(s), shrunk {Shrinks} time(s)
        minimal sequence:
        {Sequence}
        failing step {Step}: {Operation}
        check: {Check}
        model before the step:
            {ModelBefore}
        model expected: {Expected}
        implementation: {Actual}
        reproduce: {Reproduction}
        """;
}
