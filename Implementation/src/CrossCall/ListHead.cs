using Conformance.Smp;

namespace Conformance.CrossCall;

/// <summary>
/// A kernel <c>struct list_head</c> whose <c>next</c> and <c>prev</c> links are shared cells, so another
/// CPU can be interleaved between any two steps of a list operation or a walk. A list's head has no
/// <see cref="Entry"/>; a member's <see cref="Entry"/> is its container (<c>container_of</c>).
/// Operations are in <see cref="RcuList"/>.
/// </summary>
public sealed class ListHead<T>
    where T : class
{
    /// <summary>An empty list head (<c>LIST_HEAD(name)</c>): both links point to itself.</summary>
    public ListHead(Platform platform, string name)
        : this(platform, name, null)
    {
    }

    /// <summary>The links of <paramref name="entry"/>, initialised to point to themselves.</summary>
    public ListHead(Platform platform, string name, T? entry)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Name = name;
        Entry = entry;
        Next = platform.NewCell(name + ".next", this);
        Prev = platform.NewCell(name + ".prev", this);
    }

    public string Name { get; }

    /// <summary>The structure these links are embedded in; null for a list's head.</summary>
    public T? Entry { get; }

    /// <summary><c>-&gt;next</c>; null after <c>list_del</c> (LIST_POISON1).</summary>
    public Cell<ListHead<T>> Next { get; }

    /// <summary><c>-&gt;prev</c>; null after <c>list_del</c> or <c>list_del_rcu</c> (LIST_POISON2).</summary>
    public Cell<ListHead<T>> Prev { get; }

    public override string ToString() => Name;
}
