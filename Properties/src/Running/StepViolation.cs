namespace Conformance.Properties;

/// <summary>
/// A step of a generated sequence where the implementation and the model disagree, or a rule of the
/// contract was broken: which check, what the model expected, what the implementation did.
/// </summary>
public sealed class StepViolation(string check, string expected, string actual, Exception? inner = null)
    : Exception($"{check}: expected {expected}, but {actual}", inner)
{
    /// <summary>The rule that failed, in a few words ("no overlap", "exactly once").</summary>
    public string Check { get; } = check;

    public string Expected { get; } = expected;

    public string Actual { get; } = actual;

    /// <summary>The index of the failing step in the sequence (-1 for set-up, the count for the final drain).</summary>
    public int Step { get; internal set; } = -1;

    /// <summary>The failing step as text.</summary>
    public string Operation { get; internal set; } = "";

    /// <summary>The model's state before the failing step.</summary>
    public string ModelBefore { get; internal set; } = "";
}
