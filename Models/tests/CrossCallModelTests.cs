using Xunit;

namespace Conformance.Models.Tests;

public class CrossCallModelTests
{
    private static CallRequest Single(int id, int caller, int target, bool wait, int cpus = 4) =>
        CallRequest.Plan(id, caller, CallKind.Single, 1UL << target, wait, cpus);

    private static CallRequest Many(int id, int caller, ulong mask, bool wait, int cpus = 4) =>
        CallRequest.Plan(id, caller, CallKind.Many, mask, wait, cpus);

    [Fact]
    public void Planning_removes_the_caller_and_takes_the_fast_path_for_one_target()
    {
        Assert.Equal(CallPath.Local, Single(1, 2, 2, false).Path);
        Assert.Equal(CallPath.Offline, CallRequest.Plan(1, 0, CallKind.Single, 0, false, 4).Path);
        Assert.Equal(CallPath.Nothing, Many(1, 1, 0b0010, true).Path);
        var fast = Many(1, 1, 0b0110, true);
        Assert.Equal(CallPath.SingleSync, fast.Path);
        Assert.Equal(0b0100UL, fast.Targets);
        var all = CallRequest.Plan(1, 0, CallKind.All, 0, false, 4);
        Assert.Equal(CallPath.Many, all.Path);
        Assert.Equal(0b1110UL, all.Targets);
    }

    [Fact]
    public void A_local_call_runs_at_once_on_the_caller()
    {
        var (model, ran) = CrossCallModel.Create(2).Call(Single(1, 0, 0, true));
        Assert.Equal([new CallRun(0, 1)], ran);
        Assert.True(model.Quiescent);
    }

    [Fact]
    public void A_waiting_single_call_blocks_until_the_target_takes_the_interrupt()
    {
        var (model, _) = CrossCallModel.Create(2).Call(Single(1, 0, 1, true));
        Assert.True(model.IsBlocked(0));
        Assert.True(model.HasPending(1));
        Assert.False(model.HasPending(0));
        var (after, delivered, ran) = model.Deliver(1);
        Assert.True(delivered);
        Assert.Equal([new CallRun(1, 1)], ran);
        Assert.False(after.IsBlocked(0));
        Assert.True(after.Quiescent);
    }

    [Fact]
    public void A_second_async_single_call_spins_in_csd_lock_until_the_first_ran()
    {
        var model = CrossCallModel.Create(3).Call(Single(1, 0, 1, false)).Next;
        Assert.False(model.IsBlocked(0));
        model = model.Call(Single(2, 0, 2, false)).Next;
        Assert.Equal(new CallerWait(2, WaitReason.CsdLock), model.Waiting[0]);
        Assert.False(model.HasPending(2));
        Assert.False(model.Deliver(2).Delivered);
        model = model.Deliver(1).Next;
        // The caller went on: its call is queued on CPU2 and it returned.
        Assert.False(model.IsBlocked(0));
        Assert.True(model.HasPending(2));
        Assert.Equal(2, model.CsdOwner[0]);
    }

    [Fact]
    public void A_many_call_goes_at_the_head_and_unlocks_when_the_last_target_ran()
    {
        var model = CrossCallModel.Create(4).Call(Many(1, 0, 0b1110, false)).Next;
        model = model.Call(Many(2, 1, 0b1101, false)).Next;
        Assert.Equal([2, 1], model.CallFunctionQueue);
        var (after, _, ran) = model.Deliver(2);
        // The handler walks from the head: the newer entry first.
        Assert.Equal([new CallRun(2, 2), new CallRun(2, 1)], ran);
        after = after.Deliver(3).Next;
        Assert.Equal(1, after.CfdOwner[0]);
        after = after.Deliver(1).Next;
        Assert.Null(after.CfdOwner[0]);
        Assert.Equal([2], after.CallFunctionQueue);
    }

    [Fact]
    public void A_cpu_with_interrupts_disabled_takes_nothing_until_enabled()
    {
        var model = CrossCallModel.Create(2).WithIrqsDisabled(1, true).Call(Single(1, 0, 1, true)).Next;
        Assert.False(model.Deliver(1).Delivered);
        Assert.False(model.Drain().Next.Quiescent);
        Assert.True(model.WithIrqsDisabled(1, false).Drain().Next.Quiescent);
    }

    [Fact]
    public void Drain_runs_every_request_everywhere()
    {
        var model = CrossCallModel.Create(4)
            .Call(Many(1, 0, 0b1111, true)).Next
            .Call(Single(2, 1, 3, false)).Next
            .Call(CallRequest.Plan(3, 2, CallKind.All, 0, true, 4)).Next;
        var (drained, ran) = model.Drain();
        Assert.True(drained.Quiescent);
        Assert.Equal(3 + 1 + 3, ran.Count);
        Assert.Equal(ran.Count, ran.Distinct().Count());
    }

    [Fact]
    public void The_ledger_refuses_a_run_that_is_not_owed()
    {
        var model = CrossCallModel.Create(2).Register(Single(1, 0, 1, false)).RecordRun(1, 1);
        Assert.Throws<InvalidOperationException>(() => model.RecordRun(1, 1));
        Assert.Throws<InvalidOperationException>(() => model.RecordRun(0, 1));
    }
}
