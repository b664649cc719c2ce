using Conformance.Clauses;
using Conformance.Contracts;
using Conformance.Memory;
using Xunit;

namespace Conformance.Implementation.Tests.Allocator;

/// <summary>The allocator clauses' predicates, on hand-made cases.</summary>
public sealed class AllocatorClausesTests
{
    [Fact]
    public void Placement_names_what_is_wrong()
    {
        var reserve = AllocatorClauses.Region(32, 32, big: false);
        var big = AllocatorClauses.Region(32, 32, big: true);

        Assert.Null(AllocatorClauses.Placement(16, 4, 4, reserve, big: false));
        Assert.Null(AllocatorClauses.Placement(16, 4, 1, reserve, big: false));
        Assert.Contains("not aligned to 8", AllocatorClauses.Placement(20, 4, 8, reserve, big: false), StringComparison.Ordinal);
        Assert.Contains("not aligned to 4", AllocatorClauses.Placement(18, 2, 2, reserve, big: false), StringComparison.Ordinal);
        Assert.Contains("outside the reserve", AllocatorClauses.Placement(28, 8, 4, reserve, big: false), StringComparison.Ordinal);
        Assert.Contains("outside the big region", AllocatorClauses.Placement(0, 4, 4, big, big: true), StringComparison.Ordinal);
        Assert.Null(AllocatorClauses.Placement(32, 32, 32, big, big: true));
    }

    [Fact]
    public void A_reserve_that_is_not_whole_units_serves_its_whole_units_only()
    {
        Assert.Equal((0, 28), AllocatorClauses.Region(30, 0, big: false));
        Assert.Equal((30, 40), AllocatorClauses.Region(30, 10, big: true));
    }

    [Fact]
    public void Overlap_is_a_shared_byte()
    {
        var live = new[] { new Live(8, 6) };

        Assert.Null(AllocatorClauses.FirstOverlap(14, 4, live, l => (l.Offset, l.Size)));
        Assert.Same(live[0], AllocatorClauses.FirstOverlap(12, 4, live, l => (l.Offset, l.Size)));
        Assert.Null(AllocatorClauses.FirstOverlap(4, 4, live, l => (l.Offset, l.Size)));
    }

    [Fact]
    public void A_free_run_is_aligned_whole_units_inside_the_region_clear_of_every_occupied_unit()
    {
        var reserve = AllocatorClauses.Region(32, 0, big: false);

        Assert.Null(AllocatorClauses.FreeRun(32, 4, reserve, [(4, 4)]));
        Assert.Equal(16, AllocatorClauses.FreeRun(16, 16, reserve, [(4, 4)]));
        Assert.Null(AllocatorClauses.FreeRun(16, 32, reserve, [(4, 4)]));
        // Two bytes at 8 occupy the whole unit 8..11.
        Assert.Equal(12, AllocatorClauses.FreeRun(8, 4, AllocatorClauses.Region(20, 0, big: false), [(0, 4), (8, 2)]));
    }

    [Fact]
    public void A_free_run_may_cross_bitmap_words_and_end_at_the_last_partial_word()
    {
        // 130 units: two words and two units of a third.
        var reserve = AllocatorClauses.Region(520, 0, big: false);

        Assert.Equal(4 * 60, AllocatorClauses.FreeRun(4 * 10, 4, reserve, [(0, 4 * 60), (4 * 70, 4 * 60)]));
        Assert.Equal(4 * 128, AllocatorClauses.FreeRun(8, 4, reserve, [(0, 4 * 128)]));
        Assert.Null(AllocatorClauses.FreeRun(12, 4, reserve, [(0, 4 * 128)]));
    }

    [Fact]
    public void A_big_region_run_starts_at_the_region()
    {
        var big = AllocatorClauses.Region(64, 64, big: true);

        Assert.Equal(64, AllocatorClauses.FreeRun(64, 64, big, []));
        Assert.Null(AllocatorClauses.FreeRun(64, 64, big, [(100, 4)]));
        Assert.Equal(104, AllocatorClauses.FreeRun(8, 8, big, [(64, 40)]));
    }

    [Theory]
    [InlineData(-1, 4, typeof(ArgumentOutOfRangeException))]
    [InlineData(4, 0, typeof(ArgumentException))]
    [InlineData(4, 12, typeof(ArgumentException))]
    [InlineData(4, 8192, typeof(ArgumentException))]
    [InlineData(0, 4096, null)]
    [InlineData(4, 1, null)]
    public void Bad_input_is_the_documented_refusal(int size, int align, Type? refusal)
    {
        Assert.Equal(refusal, AllocatorClauses.RequiredRefusal(size, align));
    }

    [Fact]
    public void A_refusal_must_be_of_the_documented_type()
    {
        Assert.True(AllocatorClauses.RefusedAsRequired(typeof(ArgumentException), new ArgumentException("align")));
        Assert.False(AllocatorClauses.RefusedAsRequired(typeof(ArgumentException), new InvalidFreeException("free")));
        Assert.False(AllocatorClauses.RefusedAsRequired(typeof(ArgumentException), null));
        Assert.True(AllocatorClauses.RefusedAsRequired(typeof(ArgumentOutOfRangeException), new ArgumentOutOfRangeException("size")));
        Assert.True(AllocatorClauses.RefusedAsRequired(null, null));
        Assert.False(AllocatorClauses.RefusedAsRequired(null, new InvalidOperationException()));
    }

    [Fact]
    public void Zero_size_is_ZERO_SIZE_PTR_for_size_0_only()
    {
        Assert.True(AllocatorClauses.ZeroSizeHolds(0, PerCpuPtr.ZeroSize));
        Assert.False(AllocatorClauses.ZeroSizeHolds(0, PerCpuPtr.Null));
        Assert.False(AllocatorClauses.ZeroSizeHolds(4, PerCpuPtr.ZeroSize));
        Assert.True(AllocatorClauses.ZeroSizeHolds(4, PerCpuPtr.Null));
        Assert.True(AllocatorClauses.IsNoOpFree(PerCpuPtr.ZeroSize));
        Assert.False(AllocatorClauses.IsNoOpFree(new PerCpuPtr(0, 1)));
    }

    [Fact]
    public void Zeroed_finds_the_first_dirty_byte()
    {
        Assert.Equal(-1, AllocatorClauses.FirstNonZero(new byte[9]));
        Assert.Equal(8, AllocatorClauses.FirstNonZero(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 3 }));
    }

    [Fact]
    public void The_shadow_predicates_read_the_area()
    {
        using var machine = new AllocatorMachine(reserveBytes: 64);
        var p = machine.Alloc(6);

        Assert.Equal(-1, AllocatorClauses.FirstUnmarked(machine.Area, p, 6));
        Assert.Equal(6, AllocatorClauses.FirstUnmarked(machine.Area, p, 8));
        Assert.Equal(0, AllocatorClauses.FirstStillMarked(machine.Area, p, 6));
        machine.Free(p);
        Assert.Equal(-1, AllocatorClauses.FirstStillMarked(machine.Area, p, 6));
        Assert.Equal(0, AllocatorClauses.FirstUnmarked(machine.Area, p, 6));
    }

    [Fact]
    public void A_shadow_report_names_the_clause_and_a_mark_left_by_a_free_is_the_shadow_clause()
    {
        using var machine = new AllocatorMachine(reserveBytes: 64);
        var p = machine.Alloc(8);
        var overlap = Assert.Throws<ShadowViolationException>(() => machine.Area.MarkAllocated(4, 8, 77));
        var outside = Assert.Throws<ShadowViolationException>(() => machine.Area.MarkAllocated(60, 8, 78));

        Assert.Equal(ContractClauses.Overlap, AllocatorClauses.ClauseOf(overlap, _ => false));
        Assert.Equal(p.Tag, overlap.Owner);
        Assert.Equal(ContractClauses.Shadow, AllocatorClauses.ClauseOf(overlap, tag => tag == p.Tag));
        Assert.Equal(ContractClauses.Placement, AllocatorClauses.ClauseOf(outside, _ => false));
    }

    private sealed record Live(int Offset, int Size);
}
