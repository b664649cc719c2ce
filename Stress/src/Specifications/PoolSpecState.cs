using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Conformance.Memory;

namespace Conformance.Stress.Specifications;

/// <summary>The pool specification's state: every element the pool allocated and has not freed, with its status.</summary>
public sealed class PoolSpecState : IEquatable<PoolSpecState>
{
    /// <summary>No element.</summary>
    public static PoolSpecState Empty { get; } = new(ImmutableDictionary<PerCpuPtr, PoolElement>.Empty, 0, 0);

    private readonly long hash;

    private PoolSpecState(ImmutableDictionary<PerCpuPtr, PoolElement> elements, int settled, long hash)
    {
        Elements = elements;
        Settled = settled;
        this.hash = hash;
    }

    public ImmutableDictionary<PerCpuPtr, PoolElement> Elements { get; }

    /// <summary>How many elements are surely in the pool.</summary>
    public int Settled { get; }

    public PoolElement? Find(PerCpuPtr ptr) => Elements.TryGetValue(ptr, out var element) ? element : null;

    public PoolSpecState With(PerCpuPtr ptr, PoolElement element)
    {
        var state = Without(ptr);
        return new PoolSpecState(
            state.Elements.SetItem(ptr, element),
            state.Settled + (element.Status == PoolElementStatus.Settled ? 1 : 0),
            state.hash ^ Contribution(ptr, element));
    }

    public PoolSpecState Without(PerCpuPtr ptr)
    {
        if (!Elements.TryGetValue(ptr, out var old))
        {
            return this;
        }
        return new PoolSpecState(
            Elements.Remove(ptr),
            Settled - (old.Status == PoolElementStatus.Settled ? 1 : 0),
            hash ^ Contribution(ptr, old));
    }

    /// <summary>Every element matching <paramref name="select"/> gets the new status (same context).</summary>
    public PoolSpecState Move(Func<PoolElement, bool> select, PoolElementStatus status)
    {
        var state = this;
        foreach (var (ptr, element) in Elements)
        {
            if (select(element))
            {
                state = state.With(ptr, element with { Status = status });
            }
        }
        return state;
    }

    public bool Equals(PoolSpecState? other)
    {
        if (other is null || hash != other.hash || Elements.Count != other.Elements.Count)
        {
            return false;
        }
        foreach (var (ptr, element) in Elements)
        {
            if (!other.Elements.TryGetValue(ptr, out var theirs) || theirs != element)
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as PoolSpecState);

    public override int GetHashCode() => hash.GetHashCode();

    public override string ToString()
    {
        if (Elements.Count == 0)
        {
            return "the pool has allocated nothing that is not freed";
        }
        var sb = new StringBuilder();
        foreach (var group in Elements.OrderBy(e => e.Key.Offset).GroupBy(e => e.Value.Status).OrderBy(g => g.Key))
        {
            if (sb.Length > 0)
            {
                sb.Append("; ");
            }
            sb.Append(group.Key switch
            {
                PoolElementStatus.Unsettled => "allocated by the refill",
                PoolElementStatus.Filling => "allocated by a fill not spliced yet",
                PoolElementStatus.Settled => "surely in the pool",
                PoolElementStatus.Taken => "taken by percpu_pool_empty",
                _ => "held",
            });
            sb.Append(": ");
            sb.Append(string.Join(", ", group.Select(e => group.Key == PoolElementStatus.Held
                ? string.Create(CultureInfo.InvariantCulture, $"{e.Key} by CPU{e.Value.Context}")
                : e.Key.ToString())));
        }
        return sb.ToString();
    }

    private static long Contribution(PerCpuPtr ptr, PoolElement element)
    {
        var x = (ulong)ptr.ToRaw() ^ ((ulong)element.Status << 56) ^ ((ulong)(uint)element.Context << 44);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return (long)(x ^ (x >> 31));
    }
}
