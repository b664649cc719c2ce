using Conformance.Smp;
using Xunit;
using Xunit.Sdk;

namespace Conformance.Implementation.Tests.Smp;

/// <summary>
/// What every backend of the platform must do, written only through <see cref="IMachineDriver.Run"/>
/// and the platform API, so a backend subclasses this and inherits every test. The tests hold under
/// any interleaving and under the sequential order (programs in CPU order, each until it returns or
/// blocks; IPIs and work only when nothing else can run): a CPU that needs another's step waits for
/// it with <see cref="Platform.WaitUntil"/> on a word, never with time.
/// </summary>
public abstract class PlatformConformanceTests
{
    private const int Increments = 200;

    /// <summary>A fresh machine of <paramref name="cpus"/> CPUs and <paramref name="workers"/> workers.</summary>
    protected abstract IMachineDriver CreateDriver(int cpus, int workers = 1);

    // ---- spinlocks -----------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void SpinlockMakesReadThenWriteIncrementsExact(int cpus)
    {
        var driver = CreateDriver(cpus);
        var p = driver.Platform;
        var counter = p.NewWord("counter");
        var spinlock = p.NewSpinlock("counter_lock");

        driver.Run(Programs(cpus, cpu =>
        {
            for (var i = 0; i < Increments; i++)
            {
                spinlock.Lock();
                Assert.Equal(cpu, spinlock.Holder);
                counter.Write(counter.Read() + 1);
                spinlock.Unlock();
            }
        }));

        Assert.Equal((long)cpus * Increments, counter.Peek());
        Assert.Equal(-1, spinlock.Holder);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void LockIrqSaveMakesIncrementsExactAndRestoresInterrupts(int cpus)
    {
        var driver = CreateDriver(cpus);
        var p = driver.Platform;
        var counter = p.NewWord("counter");
        var spinlock = p.NewSpinlock("counter_lock");

        driver.Run(Programs(cpus, _ =>
        {
            for (var i = 0; i < Increments; i++)
            {
                var flags = spinlock.LockIrqSave();
                Assert.False(flags.WereDisabled);
                Assert.True(p.IrqsDisabled);
                counter.Write(counter.Read() + 1);
                spinlock.UnlockIrqRestore(flags);
                Assert.False(p.IrqsDisabled);
            }
        }));

        Assert.Equal((long)cpus * Increments, counter.Peek());
    }

    [Fact]
    public void TryLockFailsWhileHeldAndSucceedsOnceReleased()
    {
        var driver = CreateDriver(2);
        var p = driver.Platform;
        var spinlock = p.NewSpinlock("try_lock");
        var held = p.NewWord("held");
        var tried = p.NewWord("tried");
        var released = p.NewWord("released");
        var results = new bool[2];

        driver.Run([
            () =>
            {
                spinlock.Lock();
                held.Write(1);
                p.WaitUntil(() => tried.Read() == 1, "CPU1 to try the lock");
                spinlock.Unlock();
                released.Write(1);
            },
            () =>
            {
                p.WaitUntil(() => held.Read() == 1, "CPU0 to take the lock");
                results[0] = spinlock.TryLock();
                tried.Write(1);
                p.WaitUntil(() => released.Read() == 1, "CPU0 to release the lock");
                results[1] = spinlock.TryLock();
                Assert.Equal(1, spinlock.Holder);
                spinlock.Unlock();
            },
        ]);

        Assert.False(results[0], "TryLock took a lock CPU0 held");
        Assert.True(results[1], "TryLock failed on a free lock");
    }

    [Fact]
    public void UnlockingALockHeldByAnotherCpuIsAViolationNamingBoth()
    {
        var driver = CreateDriver(2);
        var p = driver.Platform;
        var spinlock = p.NewSpinlock("victim_lock");
        var held = p.NewWord("held");
        var attempted = p.NewWord("attempted");
        string? message = null;

        driver.Run([
            () =>
            {
                spinlock.Lock();
                held.Write(1);
                p.WaitUntil(() => attempted.Read() == 1, "CPU1 to try the unlock");
                spinlock.Unlock();
            },
            () =>
            {
                p.WaitUntil(() => held.Read() == 1, "CPU0 to take the lock");
                message = Assert.Throws<PlatformViolationException>(spinlock.Unlock).Message;
                attempted.Write(1);
            },
        ]);

        Assert.NotNull(message);
        Assert.Contains("victim_lock", message);
        Assert.Contains("CPU0", message);
        Assert.Contains("CPU1", message);
        Assert.Equal(-1, spinlock.Holder);
    }

    [Fact]
    public void UnlockingAFreeLockIsAViolationNamingTheLockAndCpu()
    {
        var driver = CreateDriver(2);
        var spinlock = driver.Platform.NewSpinlock("free_lock");
        string? message = null;

        driver.Run([null, () => message = Assert.Throws<PlatformViolationException>(spinlock.Unlock).Message]);

        Assert.NotNull(message);
        Assert.Contains("free_lock", message);
        Assert.Contains("CPU1", message);
    }

    [Fact]
    public void RetakingAHeldLockIsASelfDeadlockViolation()
    {
        var driver = CreateDriver(2);
        var spinlock = driver.Platform.NewSpinlock("held_lock");

        var violation = RunExpecting<PlatformViolationException>(driver, null, () =>
        {
            spinlock.Lock();
            spinlock.Lock();
        });

        Assert.Contains("held_lock", violation.Message);
        Assert.Contains("CPU1", violation.Message);
        Assert.Contains("self-deadlock", violation.Message);
    }

    // ---- interrupts ----------------------------------------------------------------------------

    [Fact]
    public void LocalIrqSaveAndRestoreNest()
    {
        var driver = CreateDriver(1);
        var p = driver.Platform;
        var states = new List<bool>();

        driver.Run([() =>
        {
            states.Add(p.IrqsDisabled);
            var outer = p.LocalIrqSave();
            var inner = p.LocalIrqSave();
            states.Add(p.IrqsDisabled);
            p.LocalIrqRestore(inner);
            states.Add(p.IrqsDisabled);
            p.LocalIrqRestore(outer);
            states.Add(p.IrqsDisabled);
            Assert.False(outer.WereDisabled);
            Assert.True(inner.WereDisabled);
        }]);

        Assert.Equal(new[] { false, true, true, false }, states);
    }

    [Fact]
    public void HandlerWaitsUntilInterruptsAreEnabledAndRunsOnTheTargetInInterrupt()
    {
        var driver = CreateDriver(2);
        var p = driver.Platform;
        var ready = p.NewWord("ready");
        var sent = p.NewWord("sent");
        var runs = p.NewWord("handler_runs");
        var runsWhileDisabled = p.NewWord("runs_while_disabled", -1);
        var handlerCpu = p.NewWord("handler_cpu", -1);
        var handlerIrqsDisabled = p.NewWord("handler_irqs_disabled", -1);
        var handlerInInterrupt = p.NewWord("handler_in_interrupt", -1);
        p.RegisterIpiHandler(IpiVector.CallFunctionSingle, () =>
        {
            handlerCpu.Write(p.ThisCpu);
            handlerIrqsDisabled.Write(p.IrqsDisabled ? 1 : 0);
            handlerInInterrupt.Write(p.InInterrupt ? 1 : 0);
            runs.Add(1);
        });

        driver.Run([
            () =>
            {
                p.LocalIrqDisable();
                ready.Write(1);
                p.WaitUntil(() => sent.Read() == 1, "CPU1 to send the IPI");
                // The IPI is pending here; with interrupts disabled these points must not take it.
                for (var i = 0; i < 20; i++)
                {
                    p.Mb();
                }
                runsWhileDisabled.Write(runs.Read());
                Assert.False(p.InInterrupt);
                p.LocalIrqEnable();
            },
            () =>
            {
                p.WaitUntil(() => ready.Read() == 1, "CPU0 to disable interrupts");
                p.SendIpi(0, IpiVector.CallFunctionSingle);
                sent.Write(1);
            },
        ]);

        Assert.Equal(0, runsWhileDisabled.Peek());
        Assert.Equal(1, runs.Peek());
        Assert.Equal(0, handlerCpu.Peek());
        Assert.Equal(1, handlerIrqsDisabled.Peek());
        Assert.Equal(1, handlerInInterrupt.Peek());
        Assert.False(driver.Platform.HasPendingIpi(0));
    }

    [Fact]
    public void VectorRaisedTwiceBeforeDeliveryRunsOnceAndAgainWhenRaisedAfterIt()
    {
        var driver = CreateDriver(2);
        var p = driver.Platform;
        var ready = p.NewWord("ready");
        var sent = p.NewWord("sent");
        var again = p.NewWord("again");
        var runs = p.NewWord("handler_runs");
        p.RegisterIpiHandler(IpiVector.CallFunction, () => runs.Add(1));

        driver.Run([
            () =>
            {
                p.LocalIrqDisable();
                ready.Write(1);
                p.WaitUntil(() => sent.Read() == 1, "CPU1 to raise the vector twice");
                p.LocalIrqEnable();
                p.WaitUntil(() => runs.Read() >= 1, "the coalesced IPI");
                Assert.Equal(1, runs.Read());
                again.Write(1);
                p.WaitUntil(() => runs.Read() >= 2, "the IPI raised after delivery");
            },
            () =>
            {
                p.WaitUntil(() => ready.Read() == 1, "CPU0 to disable interrupts");
                p.SendIpi(0, IpiVector.CallFunction);
                p.SendIpiMask(CpuMask.Of(0), IpiVector.CallFunction);
                sent.Write(1);
                p.WaitUntil(() => again.Read() == 1, "CPU0 to take the first IPI");
                p.SendIpi(0, IpiVector.CallFunction);
            },
        ]);

        Assert.Equal(2, runs.Peek());
    }

    [Fact]
    public void SpinningCpuWithInterruptsEnabledTakesAnIpi()
    {
        var driver = CreateDriver(2);
        var p = driver.Platform;
        var flag = p.NewWord("flag");
        var setBy = p.NewWord("set_by", -1);
        p.RegisterIpiHandler(IpiVector.CallFunctionSingle, () =>
        {
            setBy.Write(p.ThisCpu);
            flag.Write(1);
        });

        driver.Run([
            () => p.WaitUntil(() => flag.Read() == 1, "CPU0's own IPI handler"),
            () => p.SendIpi(0, IpiVector.CallFunctionSingle),
        ]);

        Assert.Equal(1, flag.Peek());
        Assert.Equal(0, setBy.Peek());
    }

    [Fact]
    public void IdleCpuTakesInterrupts()
    {
        var driver = CreateDriver(3);
        var p = driver.Platform;
        var ran = p.NewPerCpu(cpu => p.NewWord($"ran[{cpu}]"));
        p.RegisterIpiHandler(IpiVector.CallFunction, () => ran.This.Add(1));

        driver.Run([
            () =>
            {
                p.SendIpiMask(CpuMask.Of(1, 2), IpiVector.CallFunction);
                p.WaitUntil(() => ran[1].Read() == 1 && ran[2].Read() == 1, "CPU1 and CPU2 to run the handler");
            },
        ]);

        Assert.Equal(new[] { 0L, 1L, 1L }, Enumerable.Range(0, 3).Select(cpu => ran[cpu].Peek()));
    }

    [Fact]
    public void RunReturnsOnlyOncePendingIpisAndWorkAreDone()
    {
        var driver = CreateDriver(2);
        var p = driver.Platform;
        var handled = p.NewWord("handled");
        var worked = p.NewWord("worked");
        var work = p.NewWork("late_work", () => worked.Add(1));
        p.RegisterIpiHandler(IpiVector.CallFunction, () => handled.Add(1));

        driver.Run([
            () =>
            {
                p.SendIpi(1, IpiVector.CallFunction);
                Assert.True(work.Schedule());
            },
        ]);

        Assert.Equal(1, handled.Peek());
        Assert.Equal(1, worked.Peek());
        Assert.False(p.HasPendingIpi(1));
        Assert.Equal(0, p.PendingWorkCount);
        Assert.False(work.IsPending);
        Assert.False(work.IsRunning);
    }

    [Fact]
    public void SendIpiToACpuThatDoesNotExistIsAViolationNamingIt()
    {
        var driver = CreateDriver(2);
        var p = driver.Platform;
        p.RegisterIpiHandler(IpiVector.CallFunction, () => { });
        string? message = null;

        driver.Run([() => message = Assert.Throws<PlatformViolationException>(() => p.SendIpi(2, IpiVector.CallFunction)).Message]);

        Assert.NotNull(message);
        Assert.Contains("CPU2", message);
    }

    // ---- work ----------------------------------------------------------------------------------

    [Fact]
    public void ScheduleWhilePendingReturnsFalseAndTheWorkRunsOnce()
    {
        var driver = CreateDriver(1, workers: 1);
        var p = driver.Platform;
        var (blocker, blockerStarted, gate) = Blocker(p);
        var runs = p.NewWord("runs");
        var work = p.NewWork("twice_scheduled", () => runs.Add(1));
        var results = new bool[2];

        driver.Run([
            () =>
            {
                Assert.True(blocker.Schedule());
                p.WaitUntil(() => blockerStarted.Read() == 1, "the blocker to occupy the worker");
                results[0] = work.Schedule();
                results[1] = work.Schedule();
                gate.Write(1);
            },
        ]);

        Assert.True(results[0]);
        Assert.False(results[1], "a second schedule_work of a pending item returned true");
        Assert.Equal(1, runs.Peek());
    }

    [Fact]
    public void CancelSyncOnRunningWorkWaitsUntilItFinished()
    {
        var driver = CreateDriver(2, workers: 1);
        var p = driver.Platform;
        var started = p.NewWord("started");
        var release = p.NewWord("release");
        var done = p.NewWord("done");
        var work = p.NewWork("long_work", () =>
        {
            started.Write(1);
            p.WaitUntil(() => release.Read() == 1, "CPU1 to release the work");
            done.Write(1);
        });
        var cancelResult = true;
        var doneWhenCancelReturned = -1L;

        driver.Run([
            () =>
            {
                Assert.True(work.Schedule());
                p.WaitUntil(() => started.Read() == 1, "the work to start");
                cancelResult = work.CancelSync();
                doneWhenCancelReturned = done.Read();
            },
            () =>
            {
                p.WaitUntil(() => started.Read() == 1, "the work to start");
                release.Write(1);
            },
        ]);

        Assert.False(cancelResult, "cancel_work_sync reported a running (not pending) item as pending");
        Assert.Equal(1, doneWhenCancelReturned);
    }

    [Fact]
    public void CancelSyncOnPendingWorkRemovesItAndItNeverRuns()
    {
        var driver = CreateDriver(1, workers: 1);
        var p = driver.Platform;
        var (blocker, blockerStarted, gate) = Blocker(p);
        var runs = p.NewWord("runs");
        var work = p.NewWork("cancelled_work", () => runs.Add(1));
        var cancelResult = false;

        driver.Run([
            () =>
            {
                Assert.True(blocker.Schedule());
                p.WaitUntil(() => blockerStarted.Read() == 1, "the blocker to occupy the worker");
                Assert.True(work.Schedule());
                cancelResult = work.CancelSync();
                gate.Write(1);
            },
        ]);

        Assert.True(cancelResult, "cancel_work_sync of a pending item returned false");
        Assert.Equal(0, runs.Peek());
        Assert.False(work.IsPending);
    }

    [Fact]
    public void WorkRunsOnAWorkerContextThatIsNoCpu()
    {
        var driver = CreateDriver(2, workers: 1);
        var p = driver.Platform;
        var context = -1;
        string? message = null;
        var work = p.NewWork("context_probe", () =>
        {
            context = p.CurrentContext;
            message = Assert.Throws<PlatformViolationException>(() => p.ThisCpu).Message;
        });

        driver.Run([() => Assert.True(work.Schedule())]);

        Assert.Equal(2, context);
        Assert.Contains("worker0", message);
    }

    // ---- waits, barriers, per-cpu --------------------------------------------------------------

    [Fact]
    public void WaitUntilReturnsAtOnceWhenTheConditionAlreadyHolds()
    {
        var driver = CreateDriver(1, workers: 0);
        var p = driver.Platform;
        var word = p.NewWord("word", 7);
        var evaluations = 0;
        var after = false;

        driver.Run([() =>
        {
            p.WaitUntil(() =>
            {
                evaluations++;
                return word.Read() == 7;
            }, "nothing: the word already holds 7");
            after = true;
        }]);

        Assert.True(after);
        Assert.True(evaluations >= 1);
    }

    [Fact]
    public void WaitUntilReturnsOnceAnotherCpuMakesTheConditionTrue()
    {
        var driver = CreateDriver(2);
        var p = driver.Platform;
        var flag = p.NewWord("flag");
        var seen = -1L;

        driver.Run([
            () =>
            {
                p.WaitUntil(() => flag.Read() == 1, "CPU1 to set the flag");
                seen = flag.Read();
            },
            () => flag.Write(1),
        ]);

        Assert.Equal(1, seen);
    }

    [Fact]
    public void BarriersKeepMessagePassingOrder()
    {
        var driver = CreateDriver(2);
        var p = driver.Platform;
        var data = p.NewWord("data");
        var flag = p.NewWord("flag");
        var seen = -1L;

        driver.Run([
            () =>
            {
                data.Write(42);
                p.Wmb();
                flag.Write(1);
                p.Mb();
            },
            () =>
            {
                p.WaitUntil(() => flag.Read() == 1, "CPU0 to publish");
                p.Rmb();
                seen = data.Read();
            },
        ]);

        Assert.Equal(42, seen);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void PerCpuGivesEachCpuItsOwnInstance(int cpus)
    {
        var driver = CreateDriver(cpus);
        var p = driver.Platform;
        var counts = p.NewPerCpu(cpu => p.NewWord($"count[{cpu}]"));
        var owners = p.NewPerCpu(cpu => p.NewWord($"owner[{cpu}]", -1));

        driver.Run(Programs(cpus, cpu =>
        {
            Assert.Equal(cpu, p.ThisCpu);
            Assert.Equal(cpu, p.CurrentContext);
            owners.This.Write(p.ThisCpu);
            for (var i = 0; i < 100; i++)
            {
                counts.This.Add(1);
            }
        }));

        Assert.Equal(cpus, counts.Count);
        for (var cpu = 0; cpu < cpus; cpu++)
        {
            Assert.Equal(100, counts[cpu].Peek());
            Assert.Equal(cpu, owners[cpu].Peek());
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void AtomicsFromEveryCpuLoseNothing(int cpus)
    {
        var driver = CreateDriver(cpus);
        var p = driver.Platform;
        var sum = p.NewWord("sum");
        var casSum = p.NewWord("cas_sum");
        var bits = p.NewWord("bits");
        var winners = p.NewWord("winners");

        driver.Run(Programs(cpus, cpu =>
        {
            for (var i = 0; i < Increments; i++)
            {
                sum.Add(1);
                long old;
                do
                {
                    old = casSum.Read();
                }
                while (casSum.CompareExchange(old + 1, old) != old);
            }
            // Every CPU races for every bit; each bit has exactly one winner.
            for (var bit = 0; bit < 8; bit++)
            {
                if (!bits.TestAndSetBit(bit))
                {
                    winners.Add(1);
                }
            }
        }));

        Assert.Equal((long)cpus * Increments, sum.Peek());
        Assert.Equal((long)cpus * Increments, casSum.Peek());
        Assert.Equal(0xFF, bits.Peek());
        Assert.Equal(8, winners.Peek());
    }

    // ---- CPU hotplug ---------------------------------------------------------------------------

    [Fact]
    public void CpuDownAndCpuUpChangeTheOnlineMaskEveryCpuSees()
    {
        var driver = CreateDriver(3);
        var p = driver.Platform;
        var down = p.NewWord("down");
        var seen = p.NewWord("seen_by_cpu1", -1);
        var checkedDown = p.NewWord("checked_down");

        driver.Run([
            () =>
            {
                Assert.Equal(CpuMask.All(3), p.OnlineMask);
                p.CpuDown(2);
                down.Write(1);
                p.WaitUntil(() => checkedDown.Read() == 1, "CPU1 to look at the mask");
                p.CpuUp(2);
            },
            () =>
            {
                p.WaitUntil(() => down.Read() == 1, "CPU0 to take CPU2 down");
                seen.Write((long)p.OnlineMask.Bits);
                checkedDown.Write(1);
            },
        ]);

        Assert.Equal(CpuMask.Of(0, 1).Bits, (ulong)seen.Peek());
        Assert.Equal(CpuMask.All(3), p.OnlineMask);
    }

    [Fact]
    public void AnIpiToACpuThatWentOfflineIsStillTaken()
    {
        var driver = CreateDriver(3);
        var p = driver.Platform;
        var ran = p.NewPerCpu(cpu => p.NewWord($"ran[{cpu}]"));
        p.RegisterIpiHandler(IpiVector.CallFunction, () => ran.This.Add(1));

        driver.Run([
            () =>
            {
                p.CpuDown(1);
                p.SendIpiMask(CpuMask.Of(1, 2), IpiVector.CallFunction);
                p.WaitUntil(() => ran[1].Read() == 1 && ran[2].Read() == 1, "CPU1 (offline) and CPU2 to run the handler");
            },
        ]);

        Assert.Equal(new[] { 0L, 1L, 1L }, Enumerable.Range(0, 3).Select(cpu => ran[cpu].Peek()));
        Assert.False(p.OnlineMask.Contains(1));
    }

    [Fact]
    public void ASpinWaitOnTheOnlineMaskEndsWhenTheCpuComesUp()
    {
        var driver = CreateDriver(3);
        var p = driver.Platform;
        var down = p.NewWord("down");

        driver.Run([
            () =>
            {
                p.CpuDown(2);
                down.Write(1);
                // The condition reads nothing but the online mask: cpu_up must end the wait.
                p.WaitUntil(() => p.OnlineMask.Contains(2), "CPU2 to come back online");
            },
            () =>
            {
                p.WaitUntil(() => down.Read() == 1, "CPU0 to take CPU2 down");
                p.CpuUp(2);
            },
        ]);

        Assert.Equal(CpuMask.All(3), p.OnlineMask);
    }

    // ---- the machine and the run ---------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(Platform.MaxCpus + 1)]
    public void PlatformRejectsMachineSizesOutsideOneTo64(int cpus)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CreateDriver(cpus));
    }

    [Fact]
    public void ExceptionInAProgramSurfacesFromRun()
    {
        var driver = CreateDriver(2);

        var thrown = RunExpecting<ProgramFailure>(driver, null, () => throw new ProgramFailure("CPU1 failed"));

        Assert.Equal("CPU1 failed", thrown.Message);
    }

    [Fact]
    public void ExceptionInAnIpiHandlerSurfacesFromRun()
    {
        var driver = CreateDriver(2);
        var p = driver.Platform;
        p.RegisterIpiHandler(IpiVector.CallFunction, () => throw new ProgramFailure($"handler on CPU{p.ThisCpu} failed"));

        var thrown = RunExpecting<ProgramFailure>(driver, () => p.SendIpi(1, IpiVector.CallFunction));

        Assert.Equal("handler on CPU1 failed", thrown.Message);
    }

    [Fact]
    public void ExceptionInAWorkItemSurfacesFromRun()
    {
        var driver = CreateDriver(1, workers: 1);
        var work = driver.Platform.NewWork("failing_work", () => throw new ProgramFailure("work failed"));

        var thrown = RunExpecting<ProgramFailure>(driver, () => work.Schedule());

        Assert.Equal("work failed", thrown.Message);
    }

    [Fact]
    public void RunIsCallableOncePerPlatform()
    {
        var driver = CreateDriver(1);
        var ran = driver.Platform.NewWord("ran");
        driver.Run([() => ran.Add(1)]);

        Assert.Throws<InvalidOperationException>(() => driver.Run([() => ran.Add(1)]));
        Assert.Equal(1, ran.Peek());
    }

    // ---- helpers -------------------------------------------------------------------------------

    /// <summary>The same program on every CPU, given its CPU number.</summary>
    protected static Action?[] Programs(int cpus, Action<int> program) =>
        Enumerable.Range(0, cpus).Select(cpu => (Action?)(() => program(cpu))).ToArray();

    /// <summary>
    /// Runs and returns the <typeparamref name="TException"/> that ended the run: thrown as it was, or
    /// wrapped (found through the inner exceptions).
    /// </summary>
    protected static TException RunExpecting<TException>(IMachineDriver driver, params Action?[] programs)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(driver);
        var thrown = Record.Exception(() => driver.Run(programs));
        for (var e = thrown; e is not null; e = e.InnerException)
        {
            if (e is TException expected)
            {
                return expected;
            }
        }
        throw new XunitException($"Run should have thrown {typeof(TException).Name}; it threw {thrown?.ToString() ?? "nothing"}");
    }

    /// <summary>
    /// A work item that occupies the (only) worker until <c>gate</c> is set, so items scheduled
    /// meanwhile stay pending: the way to say "before it runs" under every backend.
    /// </summary>
    private static (Work Blocker, Word Started, Word Gate) Blocker(Platform p)
    {
        var started = p.NewWord("blocker_started");
        var gate = p.NewWord("blocker_gate");
        var blocker = p.NewWork("blocker", () =>
        {
            started.Write(1);
            p.WaitUntil(() => gate.Read() == 1, "the program to open the gate");
        });
        return (blocker, started, gate);
    }

    /// <summary>What the tests' programs throw on purpose.</summary>
    protected sealed class ProgramFailure(string message) : Exception(message);
}
