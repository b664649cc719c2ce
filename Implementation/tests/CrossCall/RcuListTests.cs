using Conformance.Backends.Sequential;
using Conformance.CrossCall;
using Xunit;

namespace Conformance.Implementation.Tests.CrossCall;

/// <summary>The list over cells: kernel order of links, list_del_rcu keeping -&gt;next, walks that re-visit.</summary>
public sealed class RcuListTests
{
    [Fact]
    public void Add_rcu_puts_an_entry_first_and_add_tail_rcu_last()
    {
        using var machine = new SequentialPlatform(1);
        var (head, a, b, c) = Nodes(machine);
        var walked = machine.On(0, () =>
        {
            RcuList.AddRcu(b, head);
            RcuList.AddRcu(a, head);
            RcuList.AddTailRcu(c, head);
            return RcuList.WalkRcu(head).ToList();
        });
        Assert.Equal(["a", "b", "c"], walked);
        Assert.Same(c, head.Prev.Peek());
        Assert.Same(a, b.Prev.Peek());
    }

    [Fact]
    public void Del_rcu_unlinks_but_leaves_next_so_a_walker_on_the_entry_goes_on()
    {
        using var machine = new SequentialPlatform(1);
        var (head, a, b, c) = Nodes(machine);
        var walked = machine.On(0, () =>
        {
            Fill(head, a, b, c);
            var seen = new List<string>();
            foreach (var entry in RcuList.WalkRcu(head))
            {
                seen.Add(entry);
                if (entry == "b")
                {
                    RcuList.DelRcu(b);
                }
            }
            seen.Add("|");
            seen.AddRange(RcuList.WalkRcu(head));
            return seen;
        });
        Assert.Equal(["a", "b", "c", "|", "a", "c"], walked);
        Assert.Same(c, b.Next.Peek());
        Assert.Null(b.Prev.Peek());
    }

    [Fact]
    public void A_walker_on_an_entry_re_added_at_the_head_re_visits_instead_of_skipping()
    {
        using var machine = new SequentialPlatform(1);
        var (head, a, b, c) = Nodes(machine);
        var walked = machine.On(0, () => WalkRequeuingB(head, a, b, c, RcuList.AddRcu));
        Assert.Equal(["a", "b", "a", "c"], walked);
    }

    [Fact]
    public void A_walker_on_an_entry_re_added_at_the_tail_skips_the_entries_behind_it()
    {
        using var machine = new SequentialPlatform(1);
        var (head, a, b, c) = Nodes(machine);
        var walked = machine.On(0, () => WalkRequeuingB(head, a, b, c, RcuList.AddTailRcu));
        // Why the seed puts re-used entries at the head: here c is never seen.
        Assert.Equal(["a", "b"], walked);
    }

    [Fact]
    public void Replace_init_moves_every_entry_and_leaves_the_old_head_empty()
    {
        using var machine = new SequentialPlatform(1);
        var (head, a, b, c) = Nodes(machine);
        var local = new ListHead<string>(machine, "local");
        var (moved, oldEmpty) = machine.On(0, () =>
        {
            Fill(head, a, b, c);
            RcuList.ReplaceInit(head, local);
            return (RcuList.WalkRcu(local).ToList(), RcuList.IsEmpty(head));
        });
        Assert.Equal(["a", "b", "c"], moved);
        Assert.True(oldEmpty);
        Assert.Same(local, a.Prev.Peek());
        Assert.Same(local, c.Next.Peek());
    }

    [Fact]
    public void Replace_init_of_an_empty_list_gives_an_empty_list()
    {
        using var machine = new SequentialPlatform(1);
        var head = new ListHead<string>(machine, "head");
        var local = new ListHead<string>(machine, "local");
        var (localEmpty, headEmpty) = machine.On(0, () =>
        {
            RcuList.ReplaceInit(head, local);
            return (RcuList.IsEmpty(local), RcuList.IsEmpty(head));
        });
        Assert.True(localEmpty);
        Assert.True(headEmpty);
        Assert.Same(local, local.Prev.Peek());
    }

    [Fact]
    public void Del_poisons_both_links_and_a_walk_from_a_poisoned_entry_is_reported()
    {
        using var machine = new SequentialPlatform(1);
        var (head, a, b, c) = Nodes(machine);
        var e = Assert.Throws<InvalidOperationException>(() => machine.On(0, () =>
        {
            Fill(head, a, b, c);
            foreach (var entry in RcuList.WalkRcu(head))
            {
                if (entry == "a")
                {
                    RcuList.Del(a);
                }
            }
        }));
        Assert.Contains("a.next is poisoned", e.Message, StringComparison.Ordinal);
        Assert.Null(a.Prev.Peek());
        Assert.Same(b, head.Next.Peek());
    }

    [Fact]
    public void Add_tail_and_first_serve_a_fifo_queue()
    {
        using var machine = new SequentialPlatform(1);
        var (head, a, b, _) = Nodes(machine);
        var order = machine.On(0, () =>
        {
            RcuList.AddTail(a, head);
            RcuList.AddTail(b, head);
            var taken = new List<string>();
            while (!RcuList.IsEmpty(head))
            {
                var first = RcuList.First(head);
                RcuList.Del(first == "a" ? a : b);
                taken.Add(first);
            }
            return taken;
        });
        Assert.Equal(["a", "b"], order);
    }

    private static (ListHead<string> Head, ListHead<string> A, ListHead<string> B, ListHead<string> C) Nodes(SequentialPlatform machine) =>
        (new ListHead<string>(machine, "head"),
         new ListHead<string>(machine, "a", "a"),
         new ListHead<string>(machine, "b", "b"),
         new ListHead<string>(machine, "c", "c"));

    private static void Fill(ListHead<string> head, params ListHead<string>[] entries)
    {
        foreach (var entry in entries)
        {
            RcuList.AddTailRcu(entry, head);
        }
    }

    private static List<string> WalkRequeuingB(
        ListHead<string> head, ListHead<string> a, ListHead<string> b, ListHead<string> c,
        Action<ListHead<string>, ListHead<string>> requeue)
    {
        Fill(head, a, b, c);
        var seen = new List<string>();
        var requeued = false;
        foreach (var entry in RcuList.WalkRcu(head))
        {
            seen.Add(entry);
            if (entry == "b" && !requeued)
            {
                requeued = true;
                RcuList.DelRcu(b);
                requeue(b, head);
            }
        }
        return seen;
    }
}
