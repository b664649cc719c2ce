using Xunit;

namespace Conformance.Models.Tests;

public class AllocatorModelTests
{
    private static AllocatorModel Place(AllocatorModel model, int size, int align, long handle)
    {
        var fit = model.FindFirstFit(size, align);
        Assert.NotNull(fit.Offset);
        return model.Allocated(fit.Offset!.Value, size, align, false, handle, fit.FirstFreeAfter);
    }

    [Fact]
    public void First_fit_packs_tightly_from_unit_zero()
    {
        var model = AllocatorModel.Create(64);
        model = Place(model, 4, 4, 1);
        model = Place(model, 5, 4, 2);
        Assert.Equal([0, 4], model.Live.Keys);
        Assert.Equal(3, model.FirstFree);
        Assert.Equal(12, model.ReserveBytesInUse);
    }

    [Fact]
    public void Small_objects_fill_the_hole_an_aligned_one_left()
    {
        var model = AllocatorModel.Create(64);
        model = Place(model, 4, 4, 1);   // unit 0
        model = Place(model, 16, 16, 2); // units 4-7: units 1-3 are a hole
        Assert.Equal(16, model.Live.Values.Single(a => a.Handle == 2).Offset);
        // The hole is at first_free: the block was not found at the first zero unit, so the hint stays.
        Assert.Equal(1, model.FirstFree);
        model = Place(model, 8, 4, 3);
        Assert.Equal(4, model.Live.Values.Single(a => a.Handle == 3).Offset);
        Assert.Equal(3, model.FirstFree);
    }

    [Fact]
    public void Free_below_the_hint_lowers_it_so_the_hole_is_reused()
    {
        var model = AllocatorModel.Create(32);
        model = Place(model, 8, 4, 1);
        model = Place(model, 8, 4, 2);
        Assert.Equal(4, model.FirstFree);
        model = model.Freed(model.Live[0]);
        Assert.Equal(0, model.FirstFree);
        Assert.Equal(0, model.FindFirstFit(4, 4).Offset);
    }

    [Fact]
    public void A_failed_search_moves_the_hint_to_the_first_zero_unit()
    {
        var model = AllocatorModel.Create(16);
        model = Place(model, 4, 4, 1);
        var fit = model.FindFirstFit(16, 4);
        Assert.Null(fit.Offset);
        Assert.Equal(1, fit.FirstFreeAfter);
    }

    [Fact]
    public void Out_of_memory_when_no_aligned_run_is_free()
    {
        var model = AllocatorModel.Create(32);
        model = Place(model, 4, 4, 1);
        Assert.Null(model.FindFirstFit(32, 4).Offset);
    }

    [Theory]
    [InlineData(-1, 4, AllocError.NegativeSize)]
    [InlineData(4, 3, AllocError.BadAlign)]
    [InlineData(4, 8192, AllocError.BadAlign)]
    [InlineData(4, -4, AllocError.BadAlign)]
    [InlineData(0, 4, AllocError.None)]
    [InlineData(4, 1, AllocError.None)]
    [InlineData(4, 4096, AllocError.None)]
    public void Bad_requests_get_the_documented_error(int size, int align, AllocError expected) =>
        Assert.Equal(expected, AllocatorModel.CheckRequest(size, align));

    [Fact]
    public void Big_frees_leave_the_reserve_hint_alone()
    {
        var model = AllocatorModel.Create(16, 64);
        model = Place(model, 16, 4, 1);
        model = model.Allocated(16, 8, 4, true, 2);
        Assert.Equal(4, model.FirstFree);
        model = model.Freed(model.FindByHandle(2)!);
        Assert.Equal(4, model.FirstFree);
        Assert.Equal(16, model.ReserveBytesInUse);
    }
}
