using Conformance.Models;

namespace Conformance.Stress.Specifications;

/// <summary>
/// The allocator specification's state: the functional model (<see cref="AllocatorModel"/>) whose live
/// areas are what matters. Two states are equal when the same areas are live; the model's
/// <c>first_free</c> hint is a strict-level detail the contract check ignores.
/// </summary>
public sealed class AllocatorSpecState : IEquatable<AllocatorSpecState>
{
    private readonly long hash;

    internal AllocatorSpecState(AllocatorModel model, long hash)
    {
        Model = model;
        this.hash = hash;
    }

    public AllocatorModel Model { get; }

    internal long Hash => hash;

    public bool Equals(AllocatorSpecState? other) =>
        other is not null
        && hash == other.hash
        && Model.Live.Count == other.Model.Live.Count
        && Model.Live.Values.SequenceEqual(other.Model.Live.Values);

    public override bool Equals(object? obj) => Equals(obj as AllocatorSpecState);

    public override int GetHashCode() => hash.GetHashCode();

    public override string ToString() => Model.Describe();

    /// <summary>The hash contribution of one live area (XOR-ed in and out as it comes and goes).</summary>
    internal static long Contribution(LiveArea area)
    {
        var x = (ulong)area.Handle ^ ((ulong)(uint)area.Size << 40) ^ ((ulong)(uint)area.Offset << 20);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return (long)(x ^ (x >> 31));
    }
}
