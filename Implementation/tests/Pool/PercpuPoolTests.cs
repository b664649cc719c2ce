using Conformance.Allocator;
using Conformance.Backends.Sequential;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;
using Xunit;

namespace Conformance.Implementation.Tests.Pool;

/// <summary>percpu_pool on the sequential backend: fill, watermarks, inhibit_fill, the fill work, empty.</summary>
public sealed class PercpuPoolTests
{
    // 16-byte elements: 4 units each; low 2, high 5.
    private static readonly PoolParameters Params = new(16, 8, 2, 5);

    [Fact]
    public void A_new_pool_is_empty_and_its_first_alloc_fails_and_schedules_the_fill()
    {
        using var m = new PoolMachine(Params);
        Assert.Equal(0, m.Pool.Count);
        Assert.Equal(PerCpuPtr.Null, m.Alloc());
        Assert.Equal(1, m.Machine.PendingWorkCount);

        Assert.True(m.Machine.RunWork());

        Assert.Equal(Params.High, m.Pool.Count);
        Assert.Equal(0, m.Machine.PendingWorkCount);
    }

    [Fact]
    public void Fill_with_zero_fills_to_the_high_watermark_with_distinct_zeroed_elements()
    {
        using var m = new PoolMachine(Params);
        m.Fill(0);

        Assert.Equal(5, m.Pool.Count);
        Assert.False(m.Pool.InhibitFill);
        var elements = m.Pool.Elements();
        Assert.Equal(5, elements.Count);
        Assert.Equal(5, elements.Select(e => e.Offset).Distinct().Count());
        Assert.Equal(5 * 16, m.Allocator.BytesInUse);
        // Filling again to the same target allocates nothing more.
        m.Fill(0);
        Assert.Equal(5, m.Pool.Count);
        Assert.Equal(5 * 16, m.Allocator.BytesInUse);
    }

    [Fact]
    public void Elements_are_chained_through_the_first_cpus_copy_only()
    {
        using var m = new PoolMachine(Params);
        m.Fill(3);
        var elements = m.Pool.Elements();
        // The head is the last allocated; each links to the one allocated before it, on CPU0.
        Assert.Equal(elements[1].ToRaw(), BitConverter.ToInt64(m.Area.Snapshot(elements[0], 0, 8)));
        Assert.Equal(elements[2].ToRaw(), BitConverter.ToInt64(m.Area.Snapshot(elements[1], 0, 8)));
        Assert.Equal(0L, BitConverter.ToInt64(m.Area.Snapshot(elements[2], 0, 8)));
        Assert.Equal(new byte[16], m.Area.Snapshot(elements[0], 1, 16));
    }

    [Fact]
    public void Alloc_pops_the_head_and_hands_it_out_zeroed_with_its_link_cleared()
    {
        using var m = new PoolMachine(Params);
        m.Fill(0);
        var head = m.Pool.Elements()[0];
        var second = m.Pool.Elements()[1];

        var p = m.Alloc(cpu: 1);

        Assert.Equal(head, p);
        Assert.Equal(second, m.Pool.Elements()[0]);
        Assert.Equal(4, m.Pool.Count);
        for (var cpu = 0; cpu < 2; cpu++)
        {
            Assert.Equal(new byte[16], m.Area.Snapshot(p, cpu, 16));
        }
    }

    [Fact]
    public void Refill_is_scheduled_only_when_the_pool_falls_below_the_low_watermark()
    {
        using var m = new PoolMachine(Params);
        m.Fill(0);
        var held = new List<PerCpuPtr>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(m.Alloc());
            Assert.Equal(0, m.Machine.PendingWorkCount);
        }
        Assert.Equal(2, m.Pool.Count);

        held.Add(m.Alloc());

        Assert.Equal(1, m.Pool.Count);
        Assert.Equal(1, m.Machine.PendingWorkCount);
        // Still pending: a second trigger does not queue it twice.
        held.Add(m.Alloc());
        Assert.Equal(1, m.Machine.PendingWorkCount);

        Assert.True(m.Machine.RunWork());
        Assert.Equal(5, m.Pool.Count);
        Assert.Equal(10 * 16, m.Allocator.BytesInUse);
        Assert.Equal(held.Count, held.Distinct().Count());
    }

    [Fact]
    public void A_small_fill_below_low_inhibits_refill_until_the_pool_is_empty()
    {
        using var m = new PoolMachine(new PoolParameters(16, 8, 4, 8));
        m.Fill(2);
        Assert.Equal(2, m.Pool.Count);
        Assert.True(m.Pool.InhibitFill);

        Assert.False(m.Alloc().IsNull);
        // Below low, but inhibited: no refill yet.
        Assert.Equal(1, m.Pool.Count);
        Assert.Equal(0, m.Machine.PendingWorkCount);
        Assert.True(m.Pool.InhibitFill);

        Assert.False(m.Alloc().IsNull);
        // Empty: refill now, and the inhibition is lifted.
        Assert.Equal(0, m.Pool.Count);
        Assert.Equal(1, m.Machine.PendingWorkCount);
        Assert.False(m.Pool.InhibitFill);

        Assert.True(m.Machine.RunWork());
        Assert.Equal(8, m.Pool.Count);
        Assert.False(m.Pool.InhibitFill);
    }

    [Fact]
    public void A_fill_at_or_above_low_clears_the_inhibition()
    {
        using var m = new PoolMachine(new PoolParameters(16, 8, 4, 8));
        m.Fill(1);
        Assert.True(m.Pool.InhibitFill);
        m.Fill(4);
        Assert.False(m.Pool.InhibitFill);
        Assert.Equal(4, m.Pool.Count);
    }

    [Fact]
    public void Empty_cancels_the_pending_fill_and_frees_every_element()
    {
        using var m = new PoolMachine(Params);
        m.Fill(0);
        var held = new[] { m.Alloc(), m.Alloc(), m.Alloc(), m.Alloc() };
        Assert.Equal(1, m.Machine.PendingWorkCount);

        m.Empty();

        Assert.Equal(0, m.Machine.PendingWorkCount);
        Assert.Equal(0, m.Pool.Count);
        Assert.Empty(m.Pool.Elements());
        Assert.Equal(held.Length * 16, m.Allocator.BytesInUse);
        foreach (var p in held)
        {
            m.Free(p);
        }
        Assert.Equal(0, m.Allocator.BytesInUse);
        Assert.Equal(0, m.Area.LiveBytes());
        Assert.False(m.Machine.RunWork());
    }

    [Fact]
    public void Empty_waits_for_a_running_fill_and_then_frees_what_it_added()
    {
        using var machine = new SequentialPlatform(2);
        var allocator = new GatedAllocator(machine, new CpuAlloc(machine, new PerCpuArea(machine, 1024)));
        var pool = new PercpuPool(machine, allocator, Params);
        Assert.True(machine.On(0, pool.Alloc).IsNull);
        // The fill work starts and stops at its first allocation.
        Assert.True(machine.RunWork());
        Assert.Equal(0, machine.PendingWorkCount);

        var empty = machine.Start(0, pool.Empty);
        Assert.False(empty.IsCompleted);
        Assert.Contains("cancel_work_sync", empty.WaitingFor, StringComparison.Ordinal);

        machine.On(1, () => allocator.Gate.Write(1));

        Assert.True(empty.IsCompleted);
        Assert.Null(empty.Exception);
        Assert.Equal(0, pool.Count);
        Assert.Equal(0, allocator.BytesInUse);
        Assert.Equal(0, machine.PendingWorkCount);
    }

    [Fact]
    public void Alloc_works_from_an_interrupt_handler_and_with_interrupts_disabled()
    {
        using var m = new PoolMachine(Params);
        m.Fill(0);
        var fromHandler = PerCpuPtr.Null;
        m.Machine.RegisterIpiHandler(IpiVector.CallFunctionSingle, () => fromHandler = m.Pool.Alloc());
        m.Machine.On(0, () => m.Machine.SendIpi(1, IpiVector.CallFunctionSingle));
        Assert.True(m.Machine.DeliverIpi(1));
        Assert.False(fromHandler.IsNull);

        var irqsOff = m.Machine.On(0, () =>
        {
            var flags = m.Machine.LocalIrqSave();
            var p = m.Pool.Alloc();
            Assert.True(m.Machine.IrqsDisabled);
            m.Machine.LocalIrqRestore(flags);
            return p;
        });
        Assert.False(irqsOff.IsNull);
        Assert.Equal(3, m.Pool.Count);
    }

    [Fact]
    public void Element_size_and_alignment_are_raised_to_hold_a_link()
    {
        using var m = new PoolMachine(new PoolParameters(1, 1, 0, 4));
        Assert.Equal(PercpuPool.LinkSize, m.Pool.ElemSize);
        Assert.Equal(PercpuPool.LinkSize, m.Pool.ElemAlign);
        m.Fill(0);
        Assert.All(m.Pool.Elements(), e => Assert.Equal(0, e.Offset % 8));
        Assert.Equal(4 * 8, m.Allocator.BytesInUse);
    }

    [Fact]
    public void A_fill_the_allocator_cannot_serve_in_full_adds_what_it_got()
    {
        // Room for three 16-byte elements.
        using var m = new PoolMachine(Params, reserveBytes: 48);
        m.Fill(0);
        Assert.Equal(3, m.Pool.Count);
        Assert.Equal(48, m.Allocator.BytesInUse);
    }

    [Fact]
    public void The_catalog_finds_the_reference_and_builds_it_by_the_contract_convention()
    {
        var entry = ImplementationCatalog.Find(Mechanism.Pool, "reference");
        Assert.Equal(typeof(PercpuPool), entry.Type);
        using var m = new PoolMachine(Params);
        var built = ImplementationFactory.CreatePool(entry.Type, m.Machine, m.Allocator, Params);
        Assert.Equal(Params, built.Parameters);
        Assert.Equal(0, built.Count);
    }
}
