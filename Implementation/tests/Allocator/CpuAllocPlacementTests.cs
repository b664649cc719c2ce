using Conformance.Memory;
using Xunit;

namespace Conformance.Implementation.Tests.Allocator;

/// <summary>Where cpu_alloc puts things: first fit from first_free, alignment in units, tight packing.</summary>
public sealed class CpuAllocPlacementTests
{
    [Fact]
    public void Allocations_pack_tightly_in_whole_units_from_the_start_of_the_reserve()
    {
        using var m = new AllocatorMachine();
        Assert.Equal(0, m.Alloc(4).Offset);
        Assert.Equal(4, m.Alloc(8).Offset);
        Assert.Equal(12, m.Alloc(1, 1).Offset);
        Assert.Equal(16, m.Alloc(5, 2).Offset);
        // 4 + 8 + 4 + 8: sizes rounded up to 4-byte units, as the CPU_BYTES count.
        Assert.Equal(24, m.Allocator.BytesInUse);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(4096)]
    public void An_aligned_allocation_lands_on_its_alignment(int align)
    {
        using var m = new AllocatorMachine(reserveBytes: 3 * 4096);
        m.Alloc(4);
        var p = m.Alloc(12, align);
        Assert.Equal(0, p.Offset % align);
        Assert.Equal(align, p.Offset);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_alignment_below_a_unit_is_a_unit(int align)
    {
        using var m = new AllocatorMachine();
        Assert.Equal(0, m.Alloc(1, align).Offset);
        Assert.Equal(4, m.Alloc(1, align).Offset);
        Assert.Equal(8, m.Alloc(3, align).Offset);
    }

    [Fact]
    public void Smaller_objects_fill_the_hole_an_aligned_object_left()
    {
        using var m = new AllocatorMachine();
        Assert.Equal(0, m.Alloc(4).Offset);
        // Aligned to 16: units 1 to 3 stay free behind it.
        Assert.Equal(16, m.Alloc(16, 16).Offset);
        Assert.Equal(4, m.Alloc(4).Offset);
        Assert.Equal(8, m.Alloc(8, 8).Offset);
        // The hole is full: the next one goes after the aligned object.
        Assert.Equal(32, m.Alloc(4).Offset);
    }

    [Fact]
    public void First_free_stays_at_a_hole_when_the_fit_was_found_further_on()
    {
        using var m = new AllocatorMachine();
        m.Alloc(4);
        Assert.Equal(1, m.Allocator.FirstFree);
        // The fit is not at first_free (unit 1 is misaligned), so the hint stays on the hole.
        m.Alloc(32, 32);
        Assert.Equal(1, m.Allocator.FirstFree);
        Assert.Equal(4, m.Alloc(4).Offset);
        // That one was at first_free: the hint moves past it.
        Assert.Equal(2, m.Allocator.FirstFree);
    }

    [Fact]
    public void First_free_moves_down_on_free_so_the_lowest_hole_is_reused_first()
    {
        using var m = new AllocatorMachine();
        var a = m.Alloc(4);
        var b = m.Alloc(8);
        var c = m.Alloc(4);
        Assert.Equal(4, m.Allocator.FirstFree);

        m.Free(c);
        Assert.Equal(3, m.Allocator.FirstFree);
        m.Free(a);
        Assert.Equal(0, m.Allocator.FirstFree);

        Assert.Equal(a.Offset, m.Alloc(4).Offset);
        // The hint moved past the re-used unit and finds the hole c left, not b's units.
        Assert.Equal(1, m.Allocator.FirstFree);
        Assert.Equal(c.Offset, m.Alloc(4).Offset);
        Assert.Equal(16, m.Alloc(4).Offset);
        Assert.Equal(4, b.Offset);
    }

    [Fact]
    public void A_hole_too_small_for_the_request_is_skipped_and_kept_for_later()
    {
        using var m = new AllocatorMachine();
        var a = m.Alloc(4);
        m.Alloc(4);
        m.Free(a);
        // Unit 0 is free but one unit is too small for 8 bytes.
        Assert.Equal(8, m.Alloc(8).Offset);
        Assert.Equal(0, m.Allocator.FirstFree);
        Assert.Equal(0, m.Alloc(4).Offset);
    }

    [Fact]
    public void Exhaustion_returns_null_not_an_exception_and_changes_nothing()
    {
        using var m = new AllocatorMachine(reserveBytes: 64);
        Assert.Equal(0, m.Alloc(16).Offset);
        var before = m.State();

        Assert.Equal(PerCpuPtr.Null, m.Alloc(64));
        Assert.Equal(PerCpuPtr.Null, m.Alloc(4, 64));
        Assert.Equal(PerCpuPtr.Null, m.Alloc(int.MaxValue));

        Assert.Equal(before, m.State());
        // The failed search did not push first_free past the end: a small request still fits.
        Assert.Equal(16, m.Alloc(48).Offset);
        Assert.Equal(PerCpuPtr.Null, m.Alloc(1));
        Assert.Equal(64, m.Allocator.BytesInUse);
    }

    [Fact]
    public void A_reserve_that_is_not_a_whole_number_of_units_serves_whole_units_only()
    {
        using var m = new AllocatorMachine(reserveBytes: 10);
        Assert.Equal(2, m.Allocator.NrUnits);
        Assert.Equal(0, m.Alloc(8).Offset);
        Assert.Equal(PerCpuPtr.Null, m.Alloc(1));
    }

    [Fact]
    public void Allocations_from_different_cpus_share_one_map()
    {
        using var m = new AllocatorMachine();
        Assert.Equal(0, m.Alloc(4, cpu: 0).Offset);
        Assert.Equal(4, m.Alloc(4, cpu: 1).Offset);
        Assert.Equal(8, m.Alloc(4, cpu: 2).Offset);
    }
}
