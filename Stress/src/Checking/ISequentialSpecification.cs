namespace Conformance.Stress.Checking;

/// <summary>
/// What the linearizability checker checks a history against: a mechanism's sequential specification,
/// as a start state and a step that says what one operation, with the result it really returned, may do
/// to a state. A specification may be nondeterministic: a step may allow several results (an allocator
/// may place an area anywhere that is free and aligned) and may lead to several states.
/// </summary>
/// <typeparam name="TOp">One recorded operation: its arguments and its result.</typeparam>
/// <typeparam name="TState">An immutable value; equal states must have equal hash codes (the memo table of the search depends on it).</typeparam>
public interface ISequentialSpecification<TOp, TState>
    where TState : IEquatable<TState>
{
    /// <summary>The state before the first operation.</summary>
    TState Initial { get; }

    /// <summary>
    /// True when the state reached depends only on which operations were applied, not on their order.
    /// The checker then stops a segment's search at the first linearisation it finds; otherwise it
    /// collects every state a segment can end in and checks the next segment from each.
    /// </summary>
    bool OrderIndependent { get; }

    /// <summary>
    /// The states <paramref name="operation"/> (its arguments and the result it returned) may lead to
    /// from <paramref name="state"/>: none when that result is not allowed there.
    /// </summary>
    IReadOnlyList<TState> Step(TState state, TOp operation);

    /// <summary>Why <paramref name="operation"/> cannot follow <paramref name="state"/>, in words, for reports; null when it can.</summary>
    string? Refusal(TState state, TOp operation);

    /// <summary>The state in words, for reports.</summary>
    string Describe(TState state);

    /// <summary>
    /// Splits a history into sub-histories that are checked independently, each from <see cref="Initial"/>
    /// (Porcupine's partitioning). Sound only when the specification is the product of independent
    /// parts, one per sub-history. The default keeps the history whole.
    /// </summary>
    IEnumerable<IReadOnlyList<HistoryEntry<TOp>>> Partition(IReadOnlyList<HistoryEntry<TOp>> history) => [history];
}
