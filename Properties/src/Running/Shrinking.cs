using System.Collections.Immutable;

namespace Conformance.Properties;

/// <summary>
/// Shrinks an operation sequence the way a person would: drop large blocks first, then single
/// operations, then make single operations simpler. Every sub-sequence is valid because operations
/// name what they act on relatively (the k-th live allocation, the current CPU) and skip when it is gone.
/// </summary>
internal static class Shrinking
{
    public static IEnumerable<ImmutableArray<T>> Sequence<T>(ImmutableArray<T> ops, Func<T, IEnumerable<T>> simpler)
    {
        for (var chunk = ops.Length; chunk >= 1; chunk /= 2)
        {
            for (var start = 0; start + chunk <= ops.Length; start += chunk)
            {
                yield return ops.RemoveRange(start, chunk);
            }
        }
        for (var i = 0; i < ops.Length; i++)
        {
            foreach (var op in simpler(ops[i]))
            {
                yield return ops.SetItem(i, op);
            }
        }
    }
}
