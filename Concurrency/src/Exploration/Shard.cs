using System.Globalization;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// A disjoint part of a run's iterations: shard i of n takes the iterations whose index is i modulo n,
/// so n CI jobs with the same seed cover the run between them without overlap.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    public static Shard Whole => new(0, 1);

    /// <summary>Parses <c>i/n</c> with 0 &lt;= i &lt; n.</summary>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index < count)
        {
            return new Shard(index, count);
        }
        throw new FormatException($"'{text}' is not a shard: expected i/n with 0 <= i < n, for example 0/4");
    }

    /// <summary>The run-wide index of this shard's <paramref name="nth"/> iteration.</summary>
    public long IterationAt(long nth) => Index + (nth * Count);

    public override string ToString() => $"{Index}/{Count}";
}
