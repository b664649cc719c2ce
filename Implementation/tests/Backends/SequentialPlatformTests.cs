using Conformance.Backends.Sequential;
using Conformance.Smp;
using Xunit;

namespace Conformance.Implementation.Tests.Backends;

public sealed class SequentialPlatformTests
{
    [Fact]
    public void An_operation_that_spins_blocks_and_resumes_when_another_cpu_writes()
    {
        using var machine = new SequentialPlatform(2);
        var flag = machine.NewWord("flag");
        var seen = 0L;
        var waiter = machine.Start(0, () =>
        {
            machine.WaitUntil(() => flag.Read() == 1, "flag");
            seen = flag.Read();
        });
        Assert.False(waiter.IsCompleted);
        Assert.Equal("flag", waiter.WaitingFor);
        Assert.True(machine.IsBusy(0));

        machine.On(1, () => flag.Write(1));

        Assert.True(waiter.IsCompleted);
        Assert.Equal(1, seen);
    }

    [Fact]
    public void Ipis_stay_pending_until_the_test_delivers_them()
    {
        using var machine = new SequentialPlatform(2);
        var ranOn = new List<(int Cpu, bool IrqsOff, bool InIrq)>();
        machine.RegisterIpiHandler(IpiVector.CallFunctionSingle,
            () => ranOn.Add((machine.ThisCpu, machine.IrqsDisabled, machine.InInterrupt)));

        machine.On(0, () => machine.SendIpi(1, IpiVector.CallFunctionSingle));
        Assert.Empty(ranOn);
        Assert.True(machine.HasPendingIpi(1));

        Assert.True(machine.DeliverIpi(1));
        Assert.Equal([(1, true, true)], ranOn);
        Assert.False(machine.DeliverIpi(1));
    }

    [Fact]
    public void A_cpu_with_interrupts_disabled_cannot_take_an_ipi()
    {
        using var machine = new SequentialPlatform(2);
        var runs = 0;
        machine.RegisterIpiHandler(IpiVector.CallFunction, () => runs++);
        var release = machine.NewWord("release");
        var op = machine.Start(1, () =>
        {
            var flags = machine.LocalIrqSave();
            machine.WaitUntil(() => release.Read() == 1, "release");
            machine.LocalIrqRestore(flags);
        });
        machine.On(0, () => machine.SendIpi(1, IpiVector.CallFunction));
        Assert.False(machine.DeliverIpi(1));
        machine.On(0, () => release.Write(1));
        Assert.True(op.IsCompleted);
        Assert.True(machine.DeliverIpi(1));
        Assert.Equal(1, runs);
    }

    [Fact]
    public void A_spinning_cpu_with_interrupts_enabled_takes_the_ipi_that_ends_its_wait()
    {
        using var machine = new SequentialPlatform(2);
        var done = machine.NewWord("done");
        machine.RegisterIpiHandler(IpiVector.CallFunctionSingle, () => done.Write(1));
        var op = machine.Start(0, () => machine.WaitUntil(() => done.Read() == 1, "done"));
        machine.On(1, () => machine.SendIpi(0, IpiVector.CallFunctionSingle));
        Assert.False(op.IsCompleted);
        Assert.True(machine.DeliverIpi(0));
        Assert.True(op.IsCompleted);
    }

    [Fact]
    public void Work_runs_only_when_the_test_runs_it_and_once_for_two_schedules()
    {
        using var machine = new SequentialPlatform(1);
        var runs = 0;
        var work = machine.NewWork("fill_work", () => runs++);
        Assert.True(machine.On(0, work.Schedule));
        Assert.False(machine.On(0, work.Schedule));
        Assert.Equal(1, machine.PendingWorkCount);
        Assert.True(machine.RunWork());
        Assert.False(machine.RunWork());
        Assert.Equal(1, runs);
    }

    [Fact]
    public void Cancel_work_sync_waits_for_the_running_item()
    {
        using var machine = new SequentialPlatform(2);
        var gate = machine.NewWord("gate");
        var finished = machine.NewWord("finished");
        var work = machine.NewWork("slow", () =>
        {
            machine.WaitUntil(() => gate.Read() == 1, "gate");
            finished.Write(1);
        });
        machine.On(0, () => work.Schedule());
        Assert.True(machine.RunWork()); // the worker blocks on the gate
        Assert.True(work.IsRunning);
        var finishedWhenCancelReturned = -1L;
        var cancel = machine.Start(0, () =>
        {
            work.CancelSync();
            finishedWhenCancelReturned = finished.Read();
        });
        Assert.False(cancel.IsCompleted);
        Assert.Contains("cancel_work_sync(slow)", cancel.WaitingFor, StringComparison.Ordinal);

        machine.On(1, () => gate.Write(1));

        Assert.True(cancel.IsCompleted);
        Assert.Equal(1, finishedWhenCancelReturned);
    }

    [Fact]
    public void Lock_order_inversion_is_reported_as_a_deadlock_naming_both_waits()
    {
        using var machine = new SequentialPlatform(2);
        var a = machine.NewSpinlock("A");
        var b = machine.NewSpinlock("B");
        var stepA = machine.NewWord("stepA");
        var stepB = machine.NewWord("stepB");
        machine.Start(0, () =>
        {
            a.Lock();
            stepA.Write(1);
            machine.WaitUntil(() => stepB.Read() == 1, "CPU1 to hold B");
            b.Lock();
        });
        machine.Start(1, () =>
        {
            b.Lock();
            stepB.Write(1);
            a.Lock();
        });
        var deadlock = Assert.Throws<DeadlockException>(machine.Drain);
        Assert.Contains(deadlock.Waits, w => w.Contains("CPU0 waits for spinlock B held by CPU1", StringComparison.Ordinal));
        Assert.Contains(deadlock.Waits, w => w.Contains("CPU1 waits for spinlock A held by CPU0", StringComparison.Ordinal));
    }

    [Fact]
    public void An_exception_in_an_operation_is_rethrown_from_the_step_that_ran_it()
    {
        using var machine = new SequentialPlatform(2);
        var go = machine.NewWord("go");
        var op = machine.Start(0, () =>
        {
            machine.WaitUntil(() => go.Read() == 1, "go");
            throw new InvalidOperationException("boom");
        });
        var thrown = Assert.Throws<InvalidOperationException>(() => machine.On(1, () => go.Write(1)));
        Assert.Equal("boom", thrown.Message);
        Assert.True(op.IsCompleted);
        Assert.Same(thrown, op.Exception);
    }

    [Fact]
    public void Platform_operations_from_a_foreign_thread_are_refused()
    {
        using var machine = new SequentialPlatform(1);
        var word = machine.NewWord("w");
        Assert.Throws<PlatformViolationException>(() => word.Read());
    }

    [Fact]
    public void A_wait_on_nothing_shared_is_a_clear_error()
    {
        using var machine = new SequentialPlatform(1);
        var e = Assert.Throws<PlatformViolationException>(() => machine.On(0, () => machine.WaitUntil(() => false, "never")));
        Assert.Contains("reads no shared location", e.Message, StringComparison.Ordinal);
    }
}
