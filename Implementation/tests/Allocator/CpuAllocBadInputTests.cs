using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Xunit;

namespace Conformance.Implementation.Tests.Allocator;

/// <summary>
/// Bad input is rejected with a clear exception and leaves the allocator exactly as it was: the bytes in
/// use, the hint, the shadow, and where the next allocation lands.
/// </summary>
public sealed class CpuAllocBadInputTests
{
    [Fact]
    public void A_negative_size_is_out_of_range_and_changes_nothing()
    {
        using var m = Populated(out var expectedNext);
        var before = m.State();
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Alloc(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.AllocBig(-4));
        AssertUnchanged(m, before, expectedNext);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(-8)]
    [InlineData(8192)]
    [InlineData(int.MinValue)]
    public void A_bad_alignment_is_an_argument_exception_and_changes_nothing(int align)
    {
        using var m = Populated(out var expectedNext);
        var before = m.State();
        var e = Assert.Throws<ArgumentException>(() => m.Alloc(8, align));
        Assert.Equal("align", e.ParamName);
        Assert.Throws<ArgumentException>(() => m.AllocBig(8, align));
        AssertUnchanged(m, before, expectedNext);
    }

    [Fact]
    public void A_double_free_is_an_invalid_free_and_changes_nothing()
    {
        using var m = Populated(out var expectedNext);
        var p = m.Alloc(8);
        m.Free(p);
        var before = m.State();
        var e = Assert.Throws<InvalidFreeException>(() => m.Free(p));
        Assert.Contains("double free", e.Message, StringComparison.Ordinal);
        AssertUnchanged(m, before, expectedNext);
    }

    [Fact]
    public void A_stale_pointer_whose_units_were_re_used_is_an_invalid_free_and_the_new_owner_keeps_them()
    {
        using var m = Populated(out _);
        var p = m.Alloc(8);
        m.Free(p);
        var q = m.Alloc(8);
        Assert.Equal(p.Offset, q.Offset);
        var before = m.State();

        var e = Assert.Throws<InvalidFreeException>(() => m.Free(p));

        Assert.Contains($"#{q.Tag}", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, m.State());
        Assert.Equal(q.Tag, m.Area.OwnerOf(q.Offset));
        m.Free(q);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    public void A_pointer_into_the_middle_of_an_allocation_is_an_invalid_free_and_changes_nothing(int into)
    {
        using var m = Populated(out var expectedNext);
        var victim = m.Alloc(16);
        Assert.NotEqual(expectedNext, victim.Offset);
        var before = m.State();
        var e = Assert.Throws<InvalidFreeException>(() => m.Free(victim.Plus(into)));
        Assert.Contains("inside live allocation", e.Message, StringComparison.Ordinal);
        AssertUnchanged(m, before, expectedNext);
    }

    [Theory]
    [InlineData(-4)]
    [InlineData(4096)]
    [InlineData(int.MaxValue)]
    public void A_foreign_pointer_is_an_invalid_free_and_changes_nothing(int offset)
    {
        using var m = Populated(out var expectedNext);
        var before = m.State();
        var e = Assert.Throws<InvalidFreeException>(() => m.Free(new PerCpuPtr(offset, 1)));
        Assert.Contains("outside", e.Message, StringComparison.Ordinal);
        AssertUnchanged(m, before, expectedNext);
    }

    [Fact]
    public void A_pointer_that_was_never_handed_out_is_an_invalid_free()
    {
        using var m = Populated(out var expectedNext);
        var before = m.State();
        Assert.Throws<InvalidFreeException>(() => m.Free(new PerCpuPtr(expectedNext, 12345)));
        AssertUnchanged(m, before, expectedNext);
    }

    [Fact]
    public void A_double_free_of_a_big_allocation_is_an_invalid_free_and_changes_nothing()
    {
        using var m = new AllocatorMachine(reserveBytes: 64, bigBytes: 256);
        var big = m.AllocBig(32);
        var kept = m.AllocBig(32);
        m.Free(big);
        var before = m.State();
        Assert.Throws<InvalidFreeException>(() => m.Free(big));
        Assert.Throws<InvalidFreeException>(() => m.Free(kept.Plus(8)));
        Assert.Equal(before, m.State());
        Assert.Equal(big.Offset, m.AllocBig(32).Offset);
    }

    [Fact]
    public void The_catalog_finds_the_reference_and_builds_it_by_the_contract_convention()
    {
        var entry = ImplementationCatalog.Find(Mechanism.Allocator, "reference");
        Assert.Equal(typeof(CpuAlloc), entry.Type);
        Assert.False(entry.IsMutant);
        using var m = new AllocatorMachine();
        var built = ImplementationFactory.CreateAllocator(entry.Type, m.Machine, m.Area);
        Assert.Same(m.Area, built.Area);
    }

    /// <summary>Two allocations with a hole between them; the next 4-byte allocation lands in the hole.</summary>
    private static AllocatorMachine Populated(out int expectedNext)
    {
        var m = new AllocatorMachine();
        var a = m.Alloc(4);
        m.Alloc(8);
        m.Free(a);
        expectedNext = a.Offset;
        return m;
    }

    private static void AssertUnchanged(AllocatorMachine m, (long, int, int) before, int expectedNext)
    {
        Assert.Equal(before, m.State());
        Assert.Equal(expectedNext, m.Alloc(4).Offset);
    }
}
