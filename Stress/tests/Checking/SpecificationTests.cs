using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Models;
using Conformance.Stress.Checking;
using Conformance.Stress.Specifications;
using Xunit;

namespace Conformance.Stress.Tests.Checking;

/// <summary>The mechanisms' specifications on hand-made histories.</summary>
public class SpecificationTests
{
    private static readonly AllocatorSpecification Allocator = new(reserveBytes: 16, bigBytes: 8);

    private static PerCpuPtr P(int offset, int tag) => new(offset, tag);

    [Fact]
    public void Allocator_concurrent_allocations_anywhere_free_and_aligned_pass()
    {
        var history = Histories.Of(
            (0, AllocatorCall.Alloc(4, 4, P(8, 1)), 1L, 4L),
            (1, AllocatorCall.Alloc(8, 8, P(0, 2)), 2L, 3L),
            (1, AllocatorCall.Alloc(2, 1, P(12, 3)), 5L, 6L),
            (0, AllocatorCall.Free(P(8, 1)), 7L, 8L),
            (0, AllocatorCall.Alloc(8, 4, P(16, 4), big: true), 9L, 10L));

        Assert.Equal(CheckVerdict.Linearizable, LinearizabilityChecker.Check(Allocator, history).Verdict);
    }

    [Fact]
    public void Allocator_two_live_areas_at_one_place_fail_and_the_window_says_they_overlap()
    {
        var history = Histories.Of(
            (0, AllocatorCall.Alloc(4, 4, P(0, 1)), 1L, 2L),
            (0, AllocatorCall.Free(P(0, 1)), 3L, 4L),
            (0, AllocatorCall.Alloc(8, 8, P(0, 2)), 5L, 6L),
            (1, AllocatorCall.Alloc(4, 4, P(4, 3)), 7L, 8L));

        var result = LinearizabilityChecker.Check(Allocator, history);

        Assert.Equal(CheckVerdict.NotLinearizable, result.Verdict);
        Assert.Equal([4], result.Window!.Operations.Select(e => e.Id));
        Assert.Contains(result.Window.Stuck, s => s.Why.Contains("overlaps live area", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocator_null_is_allowed_only_where_nothing_fits()
    {
        // The free completes before the allocation starts: 16 bytes fit, NULL is wrong.
        var after = Histories.Of(
            (0, AllocatorCall.Alloc(16, 4, P(0, 1)), 1L, 2L),
            (0, AllocatorCall.Free(P(0, 1)), 3L, 4L),
            (1, AllocatorCall.Alloc(16, 4, PerCpuPtr.Null), 5L, 6L));
        // The free overlaps the allocation: the allocation may have come first, when nothing fit.
        var during = Histories.Of(
            (0, AllocatorCall.Alloc(16, 4, P(0, 1)), 1L, 2L),
            (0, AllocatorCall.Free(P(0, 1)), 3L, 6L),
            (1, AllocatorCall.Alloc(16, 4, PerCpuPtr.Null), 4L, 5L));

        var failed = LinearizabilityChecker.Check(Allocator, after);
        Assert.Equal(CheckVerdict.NotLinearizable, failed.Verdict);
        Assert.Contains("still fit", failed.Window!.Stuck.Single().Why, StringComparison.Ordinal);
        Assert.Equal(CheckVerdict.Linearizable, LinearizabilityChecker.Check(Allocator, during).Verdict);
    }

    [Fact]
    public void Allocator_zero_size_free_null_and_invalid_free_follow_the_contract()
    {
        var good = Histories.Of(
            (0, AllocatorCall.Alloc(0, 4, PerCpuPtr.ZeroSize), 1L, 2L),
            (0, AllocatorCall.Free(PerCpuPtr.Null), 3L, 4L),
            (0, AllocatorCall.Free(P(4, 9), nameof(InvalidFreeException)), 5L, 6L));
        Assert.Equal(CheckVerdict.Linearizable, LinearizabilityChecker.Check(Allocator, good).Verdict);

        var silentDoubleFree = Histories.Of(
            (0, AllocatorCall.Alloc(4, 4, P(0, 1)), 1L, 2L),
            (0, AllocatorCall.Free(P(0, 1)), 3L, 4L),
            (0, AllocatorCall.Free(P(0, 1)), 5L, 6L));
        Assert.Equal(CheckVerdict.NotLinearizable, LinearizabilityChecker.Check(Allocator, silentDoubleFree).Verdict);

        var misaligned = Histories.Of((0, AllocatorCall.Alloc(4, 8, P(4, 1)), 1L, 2L));
        Assert.Equal(CheckVerdict.NotLinearizable, LinearizabilityChecker.Check(Allocator, misaligned).Verdict);
    }

    [Fact]
    public void Pool_an_element_goes_from_the_pool_to_one_holder_and_never_to_a_second()
    {
        var spec = new PoolSpecification();
        var p = P(0, 1);
        var fine = Histories.Of(
            (4, new PoolCall(PoolCallKind.Supply, 4, p), 1L, 2L),
            (0, new PoolCall(PoolCallKind.Alloc, 0, p), 3L, 4L),
            (0, new PoolCall(PoolCallKind.Release, 0, p), 5L, 6L));
        Assert.Equal(CheckVerdict.Linearizable, LinearizabilityChecker.Check(spec, fine).Verdict);

        var twice = Histories.Of(
            (4, new PoolCall(PoolCallKind.Supply, 4, p), 1L, 2L),
            (0, new PoolCall(PoolCallKind.Alloc, 0, p), 3L, 6L),
            (1, new PoolCall(PoolCallKind.Alloc, 1, p), 4L, 5L));
        var result = LinearizabilityChecker.Check(spec, twice);
        Assert.Equal(CheckVerdict.NotLinearizable, result.Verdict);
        Assert.Contains(result.Window!.Stuck, s => s.Why.Contains("held by CPU", StringComparison.Ordinal));
    }

    [Fact]
    public void Pool_null_is_wrong_only_while_a_completed_fill_surely_left_an_element()
    {
        var spec = new PoolSpecification();
        var p = P(0, 1);
        var afterFill = Histories.Of(
            (0, PoolCall.Fill(0, 1, [p]), 1L, 6L),
            (0, new PoolCall(PoolCallKind.Supply, 0, p, ForFill: true), 2L, 3L),
            (1, new PoolCall(PoolCallKind.Alloc, 1, PerCpuPtr.Null), 7L, 8L));
        var failed = LinearizabilityChecker.Check(spec, afterFill);
        Assert.Equal(CheckVerdict.NotLinearizable, failed.Verdict);
        Assert.Contains("completed percpu_pool_fill", failed.Window!.Stuck.Single().Why, StringComparison.Ordinal);

        // During the fill, the element is not on the chain yet: NULL is allowed, the element is not.
        var duringFill = Histories.Of(
            (0, PoolCall.Fill(0, 1, [p]), 1L, 6L),
            (0, new PoolCall(PoolCallKind.Supply, 0, p, ForFill: true), 2L, 3L),
            (1, new PoolCall(PoolCallKind.Alloc, 1, PerCpuPtr.Null), 4L, 5L));
        Assert.Equal(CheckVerdict.Linearizable, LinearizabilityChecker.Check(spec, duringFill).Verdict);
        var takenBeforeTheFillReturns = Histories.Of(
            (0, PoolCall.Fill(0, 1, [p]), 1L, 8L),
            (0, new PoolCall(PoolCallKind.Supply, 0, p, ForFill: true), 2L, 3L),
            (1, new PoolCall(PoolCallKind.Alloc, 1, p), 4L, 5L),
            (0, new PoolCall(PoolCallKind.Alloc, 0, PerCpuPtr.Null), 9L, 10L));
        Assert.Equal(CheckVerdict.Linearizable, LinearizabilityChecker.Check(spec, takenBeforeTheFillReturns).Verdict);
        var handedBeforeSplice = Histories.Of(
            (0, PoolCall.Fill(0, 1, [p]), 1L, 8L),
            (0, new PoolCall(PoolCallKind.Supply, 0, p, ForFill: true), 2L, 3L),
            (1, new PoolCall(PoolCallKind.Alloc, 1, p), 4L, 5L),
            (2, new PoolCall(PoolCallKind.Alloc, 2, PerCpuPtr.Null), 6L, 7L));
        // The alloc of p puts the fill's splice before 5, so the NULL at 6..7 came after it: p was
        // already taken, so NULL is right; the history stays linearizable.
        Assert.Equal(CheckVerdict.Linearizable, LinearizabilityChecker.Check(spec, handedBeforeSplice).Verdict);

        // The refill's element may not be on the chain yet: NULL is allowed.
        var afterRefill = Histories.Of(
            (4, new PoolCall(PoolCallKind.Supply, 4, p), 2L, 3L),
            (1, new PoolCall(PoolCallKind.Alloc, 1, PerCpuPtr.Null), 7L, 8L));
        Assert.Equal(CheckVerdict.Linearizable, LinearizabilityChecker.Check(spec, afterRefill).Verdict);

        // An empty that ran after the fill took the element: NULL is allowed, and the pool frees it.
        var afterEmpty = Histories.Of(
            (0, PoolCall.Fill(0, 1, [p]), 1L, 6L),
            (0, new PoolCall(PoolCallKind.Supply, 0, p, ForFill: true), 2L, 3L),
            (2, new PoolCall(PoolCallKind.Empty, 2, PerCpuPtr.Null), 7L, 12L),
            (2, new PoolCall(PoolCallKind.Reclaim, 2, p), 9L, 10L),
            (1, new PoolCall(PoolCallKind.Alloc, 1, PerCpuPtr.Null), 13L, 14L));
        Assert.Equal(CheckVerdict.Linearizable, LinearizabilityChecker.Check(spec, afterEmpty).Verdict);
    }

    [Fact]
    public void Pool_an_element_a_fill_has_not_spliced_cannot_be_handed_out()
    {
        var spec = new PoolSpecification();
        var p = P(0, 1);
        // The fill's element is handed out and the fill has not taken effect by then (it returns later
        // but the supply happened inside it): allowed only if the fill's splice is placed before the alloc.
        var history = Histories.Of(
            (0, new PoolCall(PoolCallKind.Supply, 0, p, ForFill: true), 2L, 3L),
            (1, new PoolCall(PoolCallKind.Alloc, 1, p), 4L, 5L),
            (0, PoolCall.Fill(0, 1, [p]), 6L, 7L));

        var result = LinearizabilityChecker.Check(spec, history);

        Assert.Equal(CheckVerdict.NotLinearizable, result.Verdict);
        Assert.Contains(result.Window!.Stuck, s => s.Why.Contains("not put it in the pool yet", StringComparison.Ordinal));
    }

    [Fact]
    public void Pool_freeing_a_held_element_fails()
    {
        var spec = new PoolSpecification();
        var p = P(0, 1);
        var history = Histories.Of(
            (4, new PoolCall(PoolCallKind.Supply, 4, p), 1L, 2L),
            (0, new PoolCall(PoolCallKind.Alloc, 0, p), 3L, 4L),
            (2, new PoolCall(PoolCallKind.Reclaim, 2, p), 5L, 6L));

        var result = LinearizabilityChecker.Check(spec, history);

        Assert.Equal(CheckVerdict.NotLinearizable, result.Verdict);
        Assert.Contains("held by CPU0", result.Window!.Stuck.Single().Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_call_requests_are_checked_apart_and_each_runs_once_on_each_target()
    {
        var spec = new CrossCallSpecification();
        var fine = Histories.Of(
            (0, CrossCallEvent.Send(1, 0, CallKind.Many, 0b110, true, 0), 1L, 8L),
            (1, CrossCallEvent.Ran(1, 1), 2L, 3L),
            (1, CrossCallEvent.Finished(1, 1), 4L, 5L),
            (2, CrossCallEvent.Ran(1, 2), 6L, 7L),
            (2, CrossCallEvent.Finished(1, 2), 9L, 10L),
            (0, CrossCallEvent.Completed(1, 0), 13L, 14L),
            (3, CrossCallEvent.Send(2, 3, CallKind.Single, 0b1, false, 0), 11L, 12L),
            (0, CrossCallEvent.Ran(2, 0), 15L, 16L));
        var result = LinearizabilityChecker.Check(spec, fine);
        Assert.Equal(CheckVerdict.Linearizable, result.Verdict);
        Assert.Equal(2, result.Partitions);

        var twice = Histories.Of(
            (0, CrossCallEvent.Send(1, 0, CallKind.Single, 0b10, false, 0), 1L, 2L),
            (1, CrossCallEvent.Ran(1, 1), 3L, 4L),
            (1, CrossCallEvent.Ran(1, 1), 5L, 6L));
        Assert.Contains("a second time", LinearizabilityChecker.Check(spec, twice).Window!.Stuck.Single().Why, StringComparison.Ordinal);

        var foreign = Histories.Of(
            (0, CrossCallEvent.Send(1, 0, CallKind.Single, 0b10, false, 0), 1L, 2L),
            (2, CrossCallEvent.Ran(1, 2), 3L, 4L));
        Assert.Contains("not a target", LinearizabilityChecker.Check(spec, foreign).Window!.Stuck.Single().Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RuleSet.Kernel)]
    [InlineData(RuleSet.Seed)]
    public void Cross_call_a_waiting_caller_back_before_any_target_finished_fails(RuleSet rules)
    {
        var spec = new CrossCallSpecification(rules);
        var history = Histories.Of(
            (0, CrossCallEvent.Send(1, 0, CallKind.Many, 0b110, true, 0), 1L, 4L),
            (1, CrossCallEvent.Ran(1, 1), 2L, 3L),
            (0, CrossCallEvent.Completed(1, 0), 5L, 6L),
            (1, CrossCallEvent.Finished(1, 1), 7L, 8L),
            (2, CrossCallEvent.Ran(1, 2), 9L, 10L));

        var result = LinearizabilityChecker.Check(spec, history);

        Assert.Equal(CheckVerdict.NotLinearizable, result.Verdict);
        Assert.Contains("the function has not returned on {1,2} (early-return", result.Window!.Stuck.Single().Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RuleSet.Kernel, CheckVerdict.NotLinearizable)]
    [InlineData(RuleSet.Seed, CheckVerdict.Linearizable)]
    public void Cross_call_a_waiting_caller_back_once_the_last_taker_finished_while_an_earlier_taker_has_not_entered_its_copy(RuleSet rules, CheckVerdict expected)
    {
        // The seed: the last target to take a many-call completes it after its own function; a target that
        // took it before may enter its function later. The kernel's wait refuses it.
        var spec = new CrossCallSpecification(rules);
        var history = Histories.Of(
            (0, CrossCallEvent.Send(1, 0, CallKind.Many, 0b110, true, 0), 1L, 4L),
            (1, CrossCallEvent.Ran(1, 1), 2L, 3L),
            (1, CrossCallEvent.Finished(1, 1), 5L, 6L),
            (0, CrossCallEvent.Completed(1, 0), 7L, 8L),
            (2, CrossCallEvent.Ran(1, 2), 9L, 10L),
            (2, CrossCallEvent.Finished(1, 2), 11L, 12L));

        Assert.Equal(expected, LinearizabilityChecker.Check(spec, history).Verdict);
    }

    [Theory]
    [InlineData(RuleSet.Kernel)]
    [InlineData(RuleSet.Seed)]
    public void Cross_call_a_waiting_single_call_is_back_only_after_its_targets_func_returned(RuleSet rules)
    {
        var spec = new CrossCallSpecification(rules);
        var history = Histories.Of(
            (0, CrossCallEvent.Send(1, 0, CallKind.Single, 0b10, true, 0), 1L, 2L),
            (1, CrossCallEvent.Ran(1, 1), 3L, 4L),
            (0, CrossCallEvent.Completed(1, 0), 5L, 6L),
            (1, CrossCallEvent.Finished(1, 1), 7L, 8L));

        Assert.Equal(CheckVerdict.NotLinearizable, LinearizabilityChecker.Check(spec, history).Verdict);
    }

    [Fact]
    public void Cross_call_a_call_to_online_targets_that_does_not_return_zero_fails_enxio()
    {
        var history = Histories.Of((0, CrossCallEvent.Send(1, 0, CallKind.Single, 0b10, false, -6), 1L, 2L));

        Assert.Equal(CheckVerdict.NotLinearizable, LinearizabilityChecker.Check(new CrossCallSpecification(), history).Verdict);
    }
}
