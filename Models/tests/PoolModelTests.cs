using Xunit;

namespace Conformance.Models.Tests;

public class PoolModelTests
{
    private static PoolModel NewPool(int low = 2, int high = 4, int reserve = 256) =>
        PoolModel.Create(new PoolShape(4, 4, low, high), AllocatorModel.Create(reserve));

    [Fact]
    public void Fill_zero_fills_to_high_and_the_last_allocated_is_the_head()
    {
        var (pool, allocated, failed) = NewPool().Fill(0);
        Assert.Equal(4, allocated);
        Assert.False(failed);
        // Elements are 8 bytes (they carry the chain pointer): 0, 8, 16, 24; the head is the last.
        Assert.Equal([24, 16, 8, 0], pool.InPool);
        Assert.False(pool.InhibitFill);
        Assert.True(pool.Conserved);
    }

    [Fact]
    public void Alloc_below_low_schedules_the_refill()
    {
        var pool = NewPool().Fill(0).Next;
        var (after1, e1, s1) = pool.Alloc();
        Assert.Equal(24, e1);
        Assert.False(s1);
        var (after2, _, s2) = after1.Alloc();
        Assert.False(s2); // nr 2 is not below low 2
        var (after3, _, s3) = after2.Alloc();
        Assert.True(s3);
        Assert.True(after3.RefillPending);
        Assert.Equal(3, after3.Held.Count);
    }

    [Fact]
    public void A_small_fill_inhibits_refill_until_the_pool_runs_empty()
    {
        var pool = NewPool(low: 3, high: 5).Fill(2).Next;
        Assert.True(pool.InhibitFill);
        var (after1, _, s1) = pool.Alloc();
        Assert.False(s1); // below low, but inhibited
        var (after2, _, s2) = after1.Alloc();
        Assert.True(s2); // left empty
        Assert.False(after2.InhibitFill);
        var (refilled, ran) = after2.RunRefill();
        Assert.True(ran);
        Assert.Equal(5, refilled.Count);
        Assert.Equal(5, refilled.LargestTarget);
        Assert.True(refilled.Conserved);
    }

    [Fact]
    public void Alloc_from_an_empty_pool_returns_null_and_schedules()
    {
        var (pool, element, scheduled) = NewPool().Alloc();
        Assert.Null(element);
        Assert.True(scheduled);
        Assert.True(pool.RefillPending);
    }

    [Fact]
    public void Fill_stops_at_the_first_allocator_failure()
    {
        var (pool, allocated, failed) = NewPool(high: 6, reserve: 24).Fill(0);
        Assert.Equal(3, allocated);
        Assert.True(failed);
        Assert.Equal(3, pool.Count);
    }

    [Fact]
    public void Empty_frees_everything_cancels_the_refill_and_keeps_inhibit()
    {
        var pool = NewPool(low: 3, high: 5).Fill(1).Next;
        pool = pool with { RefillPending = true };
        var emptied = pool.Empty();
        Assert.Equal(0, emptied.Count);
        Assert.False(emptied.RefillPending);
        Assert.True(emptied.InhibitFill);
        Assert.Equal(1, emptied.Freed);
        Assert.Empty(emptied.Backing.Live);
    }

    [Fact]
    public void Freeing_a_held_element_returns_it_to_the_allocator_not_the_pool()
    {
        var (pool, element, _) = NewPool().Fill(0).Next.Alloc();
        var after = pool.FreeHeld(element!.Value);
        Assert.Equal(3, after.Count);
        Assert.Empty(after.Held);
        Assert.Equal(1, after.Freed);
        Assert.Equal(element.Value / 4, after.Backing.FirstFree);
        Assert.True(after.Conserved);
        Assert.Throws<ArgumentException>(() => after.FreeHeld(element.Value));
    }

    [Theory]
    [InlineData(0, 4, 0, 1, false)]
    [InlineData(4, 3, 0, 1, false)]
    [InlineData(4, 4, 2, 1, false)]
    [InlineData(4, 4, -1, 1, false)]
    [InlineData(4, 4, 1, 1, true)]
    public void Shape_validity_matches_the_parameters_rules(int size, int align, int low, int high, bool valid) =>
        Assert.Equal(valid, new PoolShape(size, align, low, high).IsValid);
}
