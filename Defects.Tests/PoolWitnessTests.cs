using Conformance.Allocator;
using Conformance.Backends.Sequential;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects.Tests;

/// <summary>
/// Each pool defect that shows on one CPU's sequence of calls breaks its contract sentence on a
/// witness sequence where the reference keeps it.
/// </summary>
public sealed class PoolWitnessTests
{
    private delegate IPercpuPool Make(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters);

    // Low 2, high 4: elements of a pointer's size.
    private static readonly PoolParameters Params = new(8, 8, 2, 4);

    private static readonly Make Reference = (p, a, q) => new PercpuPool(p, a, q);

    [Fact]
    public void Fill_overshooting_by_one_holds_more_than_high()
    {
        static int Count(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Fill(0));
            return pool.Count;
        });
        Assert.Equal(4, Count(Reference));
        Assert.Equal(5, Count((p, a, q) => new PoolFillOvershootsByOne(p, a, q)));
    }

    [Fact]
    public void Fill_ignoring_the_count_holds_more_than_its_target()
    {
        static int Count(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Fill(2));
            m.On(0, () => pool.Fill(0));
            return pool.Count;
        });
        Assert.Equal(4, Count(Reference));
        Assert.Equal(6, Count((p, a, q) => new PoolFillIgnoresCount(p, a, q)));
    }

    [Fact]
    public void Fill_inhibiting_on_the_default_target_sets_inhibit_fill()
    {
        static bool Inhibited(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Fill(0));
            return pool.InhibitFill;
        });
        Assert.False(Inhibited(Reference));
        Assert.True(Inhibited((p, a, q) => new PoolFillInhibitsOnDefault(p, a, q)));
    }

    [Fact]
    public void Alloc_elems_counting_the_request_counts_elements_that_do_not_exist()
    {
        // A reserve of three elements for a high watermark of four.
        static bool Mismatch(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Fill(0));
            return pool.Count != pool.Elements().Count;
        }, reserve: 24);
        Assert.False(Mismatch(Reference));
        Assert.True(Mismatch((p, a, q) => new PoolAllocElemsCountsRequest(p, a, q)));
    }

    [Fact]
    public void Elements_not_link_sized_write_past_a_small_element()
    {
        static bool Fails(Make make) => Run(make, (m, pool) =>
            Record.Exception(() => m.On(0, () => pool.Fill(0))) is not null,
            parameters: new PoolParameters(4, 4, 2, 4));
        Assert.False(Fails(Reference));
        Assert.True(Fails((p, a, q) => new PoolElemNotLinkSized(p, a, q)));
    }

    [Fact]
    public void Splice_linking_the_head_loses_new_elements()
    {
        static bool Mismatch(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Fill(3));
            return pool.Count != pool.Elements().Count;
        });
        Assert.False(Mismatch(Reference));
        Assert.True(Mismatch((p, a, q) => new PoolSpliceLinksHead(p, a, q)));
    }

    [Fact]
    public void Splice_publishing_the_head_first_loses_the_old_chain()
    {
        static bool Mismatch(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Fill(1));
            m.On(0, () => pool.Fill(3));
            return pool.Count != pool.Elements().Distinct().Count();
        });
        Assert.False(Mismatch(Reference));
        Assert.True(Mismatch((p, a, q) => new PoolSpliceHeadBeforeLink(p, a, q)));
    }

    [Fact]
    public void Empty_without_cancel_leaves_the_refill_pending()
    {
        static int Pending(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Alloc());
            m.On(0, pool.Empty);
            return m.PendingWorkCount;
        });
        Assert.Equal(0, Pending(Reference));
        Assert.Equal(1, Pending((p, a, q) => new PoolEmptyNoCancel(p, a, q)));
    }

    [Fact]
    public void Empty_keeping_nr_counts_freed_elements()
    {
        static int Count(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Fill(0));
            m.On(0, pool.Empty);
            return pool.Count;
        });
        Assert.Equal(0, Count(Reference));
        Assert.Equal(4, Count((p, a, q) => new PoolEmptyKeepsNr(p, a, q)));
    }

    [Fact]
    public void Empty_reading_the_link_after_free_is_a_use_after_free()
    {
        static bool Fails(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Fill(0));
            return Record.Exception(() => m.On(0, pool.Empty)) is not null;
        });
        Assert.False(Fails(Reference));
        Assert.True(Fails((p, a, q) => new PoolEmptyLinkAfterFree(p, a, q)));
    }

    [Fact]
    public void Alloc_counting_on_empty_drives_nr_negative()
    {
        static int Count(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Alloc());
            return pool.Count;
        });
        Assert.Equal(0, Count(Reference));
        Assert.Equal(-1, Count((p, a, q) => new PoolAllocCountOnEmpty(p, a, q)));
    }

    [Fact]
    public void Alloc_unlinking_before_advancing_drops_the_chain()
    {
        static bool Mismatch(Make make) => Run(make, (m, pool) =>
        {
            m.On(0, () => pool.Fill(0));
            m.On(0, () => pool.Alloc());
            return pool.Count != pool.Elements().Count;
        });
        Assert.False(Mismatch(Reference));
        Assert.True(Mismatch((p, a, q) => new PoolAllocUnlinkBeforeAdvance(p, a, q)));
    }

    [Fact]
    public void Alloc_unlocking_with_irq_enables_a_callers_interrupts()
    {
        static bool StillDisabled(Make make) => Run(make, (m, pool) =>
        {
            var disabled = false;
            m.On(0, () =>
            {
                var flags = m.LocalIrqSave();
                pool.Alloc();
                disabled = m.IrqsDisabled;
                m.LocalIrqRestore(flags);
            });
            return disabled;
        });
        Assert.True(StillDisabled(Reference));
        Assert.False(StillDisabled((p, a, q) => new PoolAllocUnlockIrq(p, a, q)));
    }

    [Fact]
    public void Alloc_filling_inline_does_not_return()
    {
        static bool Fails(Make make) => Run(make, (m, pool) =>
            Record.Exception(() => m.On(0, () => pool.Alloc())) is not null);
        Assert.False(Fails(Reference));
        Assert.True(Fails((p, a, q) => new PoolAllocFillsInline(p, a, q)));
    }

    private static T Run<T>(Make make, Func<SequentialPlatform, IPercpuPool, T> body, int reserve = 1024, PoolParameters? parameters = null)
    {
        using var machine = new SequentialPlatform(2);
        var allocator = new CpuAlloc(machine, new PerCpuArea(machine, reserve));
        return body(machine, make(machine, allocator, parameters ?? Params));
    }
}
