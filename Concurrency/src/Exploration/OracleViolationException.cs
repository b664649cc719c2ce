namespace Conformance.Concurrency.Exploration;

/// <summary>
/// A scenario's oracle saw the contract broken: a call lost or run twice, an element handed to two
/// holders, an owner pattern overwritten. <see cref="Oracle"/> names the rule; <see cref="State"/>
/// describes the model state at the failure, for the report.
/// </summary>
public sealed class OracleViolationException(string oracle, string message, IReadOnlyList<string>? state = null)
    : Exception(message)
{
    /// <summary>The rule that was broken, such as <c>lost-call</c> or <c>double-hand-out</c>.</summary>
    public string Oracle { get; } = oracle;

    /// <summary>Lines describing the model state where the rule broke.</summary>
    public IReadOnlyList<string> State { get; } = state ?? [];
}
