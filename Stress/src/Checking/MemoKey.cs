namespace Conformance.Stress.Checking;

/// <summary>
/// Lowe's memo entry: a set of linearised operations and the state they lead to. The set is kept from
/// its first word that is not full, since everything below that is linearised in every entry that
/// shares the same base.
/// </summary>
internal sealed class MemoKey<TState>(int baseWord, ulong[] words, TState state, int hash) : IEquatable<MemoKey<TState>>
    where TState : IEquatable<TState>
{
    private readonly int baseWord = baseWord;
    private readonly ulong[] words = words;
    private readonly TState state = state;
    private readonly int hash = hash;

    public bool Equals(MemoKey<TState>? other) =>
        other is not null
        && hash == other.hash
        && baseWord == other.baseWord
        && words.AsSpan().SequenceEqual(other.words)
        && state.Equals(other.state);

    public override bool Equals(object? obj) => Equals(obj as MemoKey<TState>);

    public override int GetHashCode() => hash;
}
