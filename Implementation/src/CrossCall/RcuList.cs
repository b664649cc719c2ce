namespace Conformance.CrossCall;

/// <summary>
/// The <c>include/linux/list.h</c> and <c>rculist.h</c> operations the cross-call code uses, every link
/// read and written through its cell in the kernel's order. A poisoned (null) link met on the way is
/// reported as an <see cref="InvalidOperationException"/>: in the kernel it would be a fault.
/// </summary>
public static class RcuList
{
    /// <summary><c>INIT_LIST_HEAD</c>.</summary>
    public static void Init<T>(ListHead<T> head)
        where T : class
    {
        head.Next.Write(head);
        head.Prev.Write(head);
    }

    /// <summary><c>list_empty</c>.</summary>
    public static bool IsEmpty<T>(ListHead<T> head)
        where T : class => ReferenceEquals(head.Next.Read(), head);

    /// <summary><c>list_first_entry</c>: the entry after <paramref name="head"/>.</summary>
    public static T First<T>(ListHead<T> head)
        where T : class => EntryOf(Link(head.Next.Read(), head, "next"));

    /// <summary><c>list_add_tail</c>: under the list's lock, not for lockless readers.</summary>
    public static void AddTail<T>(ListHead<T> entry, ListHead<T> head)
        where T : class
    {
        var prev = Link(head.Prev.Read(), head, "prev");
        // __list_add(new, prev, next)
        head.Prev.Write(entry);
        entry.Next.Write(head);
        entry.Prev.Write(prev);
        prev.Next.Write(entry);
    }

    /// <summary><c>list_add_rcu</c>: <paramref name="entry"/> becomes the first entry; its links are set before it is published.</summary>
    public static void AddRcu<T>(ListHead<T> entry, ListHead<T> head)
        where T : class => InsertRcu(entry, head, Link(head.Next.Read(), head, "next"));

    /// <summary><c>list_add_tail_rcu</c>: <paramref name="entry"/> becomes the last entry.</summary>
    public static void AddTailRcu<T>(ListHead<T> entry, ListHead<T> head)
        where T : class => InsertRcu(entry, Link(head.Prev.Read(), head, "prev"), head);

    /// <summary>
    /// <c>list_del_rcu</c>: unlinks <paramref name="entry"/> but leaves its <c>next</c>, so a walker
    /// standing on it can go on; <c>prev</c> is poisoned.
    /// </summary>
    public static void DelRcu<T>(ListHead<T> entry)
        where T : class
    {
        Unlink(entry);
        entry.Prev.Write(null);
    }

    /// <summary><c>list_del</c>: unlinks <paramref name="entry"/> and poisons both its links.</summary>
    public static void Del<T>(ListHead<T> entry)
        where T : class
    {
        Unlink(entry);
        entry.Next.Write(null);
        entry.Prev.Write(null);
    }

    /// <summary><c>list_replace_init(old, new)</c>: <paramref name="replacement"/> takes over the entries of <paramref name="old"/>, which is left empty.</summary>
    public static void ReplaceInit<T>(ListHead<T> old, ListHead<T> replacement)
        where T : class
    {
        // list_replace: correct for an empty old list too (replacement ends up pointing to itself).
        replacement.Next.Write(Link(old.Next.Read(), old, "next"));
        Link(replacement.Next.Read(), replacement, "next").Prev.Write(replacement);
        replacement.Prev.Write(Link(old.Prev.Read(), old, "prev"));
        Link(replacement.Prev.Read(), replacement, "prev").Next.Write(replacement);
        Init(old);
    }

    /// <summary>
    /// <c>list_for_each_entry_rcu(pos, head, member)</c>: each <c>next</c> is read when the walk moves
    /// on, after the caller's body has run for the current entry, as the macro does. An entry deleted
    /// meanwhile with <see cref="DelRcu"/> still leads on; one re-added at the head leads back to the start.
    /// </summary>
    public static IEnumerable<T> WalkRcu<T>(ListHead<T> head)
        where T : class
    {
        var pos = Link(head.Next.Read(), head, "next");
        while (!ReferenceEquals(pos, head))
        {
            yield return EntryOf(pos);
            pos = Link(pos.Next.Read(), pos, "next");
        }
    }

    private static void InsertRcu<T>(ListHead<T> entry, ListHead<T> prev, ListHead<T> next)
        where T : class
    {
        // __list_add_rcu: the new entry's links first, then rcu_assign_pointer(prev->next, new).
        entry.Next.Write(next);
        entry.Prev.Write(prev);
        prev.Next.Write(entry);
        next.Prev.Write(entry);
    }

    private static void Unlink<T>(ListHead<T> entry)
        where T : class
    {
        // __list_del(entry->prev, entry->next)
        var prev = Link(entry.Prev.Read(), entry, "prev");
        var next = Link(entry.Next.Read(), entry, "next");
        next.Prev.Write(prev);
        prev.Next.Write(next);
    }

    private static ListHead<T> Link<T>(ListHead<T>? link, ListHead<T> from, string which)
        where T : class =>
        link ?? throw new InvalidOperationException($"{from.Name}.{which} is poisoned: the entry was deleted from its list");

    private static T EntryOf<T>(ListHead<T> pos)
        where T : class =>
        pos.Entry ?? throw new InvalidOperationException($"{pos.Name} is a list head, met as an entry: the list is corrupt");
}
