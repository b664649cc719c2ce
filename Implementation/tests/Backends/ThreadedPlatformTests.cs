using Conformance.Backends.Threaded;
using Conformance.Implementation.Tests.Smp;
using Conformance.Smp;
using Xunit;

namespace Conformance.Implementation.Tests.Backends;

public sealed class ThreadedPlatformTests : PlatformConformanceTests
{
    private static readonly TimeSpan ShortLimit = TimeSpan.FromMilliseconds(500);

    protected override IMachineDriver CreateDriver(int cpus, int workers = 1) => new ThreadedPlatform(cpus, workers);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ChaosModeKeepsMutualExclusion(int seed)
    {
        const int cpus = 3;
        const int increments = 200;
        var p = new ThreadedPlatform(cpus, 1, new ThreadedOptions { Chaos = new ChaosOptions(seed, Probability: 0.2, MaxSpin: 200) });
        var counter = p.NewWord("counter");
        var spinlock = p.NewSpinlock("counter_lock");

        p.Run(Programs(cpus, _ =>
        {
            for (var i = 0; i < increments; i++)
            {
                spinlock.Lock();
                counter.Write(counter.Read() + 1);
                spinlock.Unlock();
            }
        }));

        Assert.True(counter.Peek() == cpus * increments, $"chaos seed {seed}: counter is {counter.Peek()}, expected {cpus * increments}");
    }

    [Fact]
    public void ChaosDelayChoicesFollowTheSeedAndTheContext()
    {
        var options = new ChaosOptions(Seed: 42, Probability: 0.5, MaxSpin: 100);
        var first = Choices(new ChaosDelay(options, 1));
        var again = Choices(new ChaosDelay(options, 1));
        var otherContext = Choices(new ChaosDelay(options, 2));

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherContext);
        Assert.All(first, spins => Assert.InRange(spins, 0, 100));
        Assert.Contains(first, spins => spins == 0);
        Assert.Contains(first, spins => spins > 0);
    }

    [Fact]
    public void CrossedLocksTimeOutNamingEveryWait()
    {
        var p = new ThreadedPlatform(2, 1, new ThreadedOptions { TimeLimit = ShortLimit });
        var a = p.NewSpinlock("A");
        var b = p.NewSpinlock("B");
        var holding = p.NewWord("holding");

        var timeout = RunExpecting<TimeoutException>(p,
            () => Cross(p, a, b, holding),
            () => Cross(p, b, a, holding));

        Assert.Contains("500 ms", timeout.Message);
        Assert.Contains("CPU0 waits for spinlock B held by CPU1", timeout.Message);
        Assert.Contains("CPU1 waits for spinlock A held by CPU0", timeout.Message);
        Assert.Equal(0, p.LiveThreadCount);
    }

    [Fact]
    public void TimeoutNamesPendingWorkAndProgramsThatDoNotWait()
    {
        var p = new ThreadedPlatform(2, workerCount: 0, new ThreadedOptions { TimeLimit = ShortLimit });
        var work = p.NewWork("orphan_work", () => { });
        var spin = p.NewWord("spin");

        var timeout = RunExpecting<TimeoutException>(p,
            () => work.Schedule(),
            () =>
            {
                // Busy without a wait the platform can see: only the deadline ends it.
                while (true)
                {
                    spin.Add(1);
                }
            });

        Assert.Contains("1 work item(s) pending (the machine has no worker)", timeout.Message);
        Assert.Contains("CPU1 is running its program", timeout.Message);
        Assert.Equal(0, p.LiveThreadCount);
    }

    [Fact]
    public void ExceptionOnACpuThreadSurfacesWithItsContextAndStopsTheOthers()
    {
        var p = new ThreadedPlatform(3);
        var never = p.NewWord("never");

        var thrown = RunExpecting<ProgramFailure>(p,
            () => p.WaitUntil(() => never.Read() == 1, "a word nobody writes"),
            null,
            () => throw new ProgramFailure("CPU2 failed"));

        Assert.Equal("CPU2 failed", thrown.Message);
        Assert.Equal("CPU2", thrown.Data[ThreadedPlatform.ContextDataKey]);
        Assert.Contains(nameof(ExceptionOnACpuThreadSurfacesWithItsContextAndStopsTheOthers), thrown.StackTrace);
        Assert.Equal(0, p.LiveThreadCount);
    }

    [Fact]
    public void FailedChaosRunCarriesItsSeed()
    {
        var p = new ThreadedPlatform(1, 0, new ThreadedOptions { Chaos = new ChaosOptions(Seed: 7) });

        var thrown = RunExpecting<ProgramFailure>(p, () => throw new ProgramFailure("chaos run failed"));

        Assert.Equal(7, thrown.Data[ThreadedPlatform.ChaosSeedDataKey]);
    }

    [Fact]
    public void ProgramBlockedOutsideThePlatformIsInterruptedSoNoThreadOutlivesRun()
    {
        var p = new ThreadedPlatform(1, 1, new ThreadedOptions { TimeLimit = ShortLimit, StopGrace = TimeSpan.FromMilliseconds(100) });

        var timeout = RunExpecting<TimeoutException>(p, () => Thread.Sleep(Timeout.Infinite));

        Assert.Contains("CPU0 is running its program", timeout.Message);
        Assert.Equal(0, p.LiveThreadCount);
    }

    [Fact]
    public void ProgramReturningWithInterruptsDisabledIsAViolation()
    {
        var p = new ThreadedPlatform(2);

        var violation = RunExpecting<PlatformViolationException>(p, null, p.LocalIrqDisable);

        Assert.Contains("CPU1", violation.Message);
        Assert.Contains("interrupts disabled", violation.Message);
    }

    [Fact]
    public void MoreProgramsThanCpusAreRejected()
    {
        var p = new ThreadedPlatform(1);

        Assert.Throws<ArgumentException>(() => p.Run([() => { }, () => { }]));
    }

    [Fact]
    public void ContextOperationsFromAThreadOutsideTheMachineAreViolations()
    {
        var p = new ThreadedPlatform(2);
        var spinlock = p.NewSpinlock("outside_lock");
        var word = p.NewWord("word");

        var messages = new[]
        {
            Assert.Throws<PlatformViolationException>(() => p.ThisCpu).Message,
            Assert.Throws<PlatformViolationException>(p.LocalIrqDisable).Message,
            Assert.Throws<PlatformViolationException>(spinlock.Lock).Message,
            Assert.Throws<PlatformViolationException>(() => p.WaitUntil(() => word.Read() == 0, "nothing")).Message,
        };

        Assert.All(messages, m => Assert.Contains("none of its CPUs or workers", m));
        Assert.Equal(-1, spinlock.Holder);
    }

    [Fact]
    public void ThreadAttachedToOneMachineIsAStrangerToAnother()
    {
        var mine = new ThreadedPlatform(2);
        var other = new ThreadedPlatform(2);
        var myLock = mine.NewSpinlock("my_lock");
        var otherLock = other.NewSpinlock("other_lock");

        using (mine.Attach(1))
        {
            // The lock and interrupt paths read the caller's context from the thread's binding: only
            // the machine it is bound to may answer from it.
            var messages = new[]
            {
                Assert.Throws<PlatformViolationException>(otherLock.Lock).Message,
                Assert.Throws<PlatformViolationException>(() => other.LocalIrqSave()).Message,
                Assert.Throws<PlatformViolationException>(() => other.ThisCpu).Message,
            };
            Assert.All(messages, m => Assert.Contains("which is CPU1 of another threaded machine", m));
            var flags = myLock.LockIrqSave();
            Assert.Equal(1, myLock.Holder);
            Assert.True(mine.IrqsDisabled);
            myLock.UnlockIrqRestore(flags);
            Assert.False(mine.IrqsDisabled);
        }

        Assert.Throws<PlatformViolationException>(myLock.Lock);
        Assert.Equal(-1, myLock.Holder);
        Assert.Equal(-1, otherLock.Holder);
    }

    [Fact]
    public void AttachedThreadRunsAsTheCpuAndTakesItsOwnIpis()
    {
        var p = new ThreadedPlatform(2);
        var word = p.NewWord("word");
        var spinlock = p.NewSpinlock("attached_lock");
        var handledOn = p.NewWord("handled_on", -1);
        p.RegisterIpiHandler(IpiVector.CallFunctionSingle, () => handledOn.Write(p.ThisCpu));

        using (p.Attach(1))
        {
            Assert.Equal(1, p.ThisCpu);
            spinlock.Lock();
            Assert.Equal(1, spinlock.Holder);
            spinlock.Unlock();
            p.SendIpi(1, IpiVector.CallFunctionSingle);
            word.Add(1);
            Assert.Equal(1, handledOn.Peek());
            Assert.Throws<InvalidOperationException>(() => p.Run([]));
        }

        Assert.Throws<PlatformViolationException>(() => p.ThisCpu);
        p.Run([() => word.Add(1)]);
        Assert.Equal(2, word.Peek());
        Assert.Throws<InvalidOperationException>(() => p.Attach(0));
    }

    [Fact]
    public void StartAttachedRunsTheOtherCpusAroundTheCallingThread()
    {
        const int rounds = 50;
        var p = new ThreadedPlatform(3);
        var taken = p.NewWord("taken");
        var handledOn = p.NewWord("handled_on", -1);
        var fromCpu2 = p.NewWord("from_cpu2");
        p.RegisterIpiHandler(IpiVector.CallFunctionSingle, () =>
        {
            handledOn.Write(p.ThisCpu);
            taken.Add(1);
        });

        using (p.StartAttached(0, [null, null, () => fromCpu2.Write(1)]))
        {
            Assert.Equal(0, p.ThisCpu);
            // CPU1 has no program: only its idle loop can take these.
            for (var i = 1; i <= rounds; i++)
            {
                p.SendIpi(1, IpiVector.CallFunctionSingle);
                p.WaitUntil(() => taken.Read() == i, "CPU1 to take the IPI");
                Assert.Equal(1, handledOn.Peek());
            }
            p.WaitUntil(() => fromCpu2.Read() == 1, "CPU2's program");
            Assert.Throws<InvalidOperationException>(() => p.Run([]));
        }

        Assert.Equal(0, p.LiveThreadCount);
        Assert.Equal(rounds, taken.Peek());
        Assert.Throws<PlatformViolationException>(() => p.ThisCpu);
        Assert.Throws<InvalidOperationException>(() => p.StartAttached(0));
    }

    [Fact]
    public void EndingAnAttachedRunTakesTheAttachedCpusOwnIpis()
    {
        var p = new ThreadedPlatform(2);
        var handledOn = p.NewWord("handled_on", -1);
        p.RegisterIpiHandler(IpiVector.CallFunctionSingle, () => handledOn.Write(p.ThisCpu));

        // CPU1's program raises an IPI on CPU0, which makes no scheduling point of its own before the
        // dispose: only the end of the run can take it, and quiescence needs it taken.
        using (p.StartAttached(0, [null, () => p.SendIpi(0, IpiVector.CallFunctionSingle)]))
        {
        }

        Assert.Equal(0, handledOn.Peek());
        Assert.Equal(0, p.LiveThreadCount);
    }

    [Fact]
    public void FailureAroundAnAttachedThreadIsRethrownWhenTheScopeIsDisposed()
    {
        var p = new ThreadedPlatform(2);
        var scope = p.StartAttached(0, [null, () => throw new ProgramFailure("CPU1 failed")]);

        var thrown = Assert.Throws<ProgramFailure>(scope.Dispose);

        Assert.Equal("CPU1", thrown.Data[ThreadedPlatform.ContextDataKey]);
        Assert.Equal(0, p.LiveThreadCount);
        Assert.Throws<PlatformViolationException>(() => p.ThisCpu);
    }

    [Fact]
    public void StartAttachedRejectsAProgramForTheCallingCpuAndAThreadAlreadyAttached()
    {
        var p = new ThreadedPlatform(2);

        Assert.Throws<ArgumentException>(() => p.StartAttached(1, [null, () => { }]));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.StartAttached(2));
        using (p.Attach(0))
        {
            Assert.Throws<InvalidOperationException>(() => p.StartAttached(1));
        }
        using (p.StartAttached(1))
        {
            Assert.Equal(1, p.ThisCpu);
        }
    }

    [Fact]
    public void TimeLimitTooLongToCountMeansNoLimit()
    {
        var p = new ThreadedPlatform(2, 1, new ThreadedOptions { TimeLimit = TimeSpan.MaxValue });
        var flag = p.NewWord("flag");

        p.Run([() => p.WaitUntil(() => flag.Read() == 1, "CPU1 to set the flag"), () => flag.Write(1)]);

        Assert.Equal(1, flag.Peek());
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThreadedPlatform(1, 1, new ThreadedOptions { Chaos = new ChaosOptions(1, Probability: 1.5) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThreadedPlatform(1, 1, new ThreadedOptions { Chaos = new ChaosOptions(1, MaxSpin: 0) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThreadedPlatform(1, 1, new ThreadedOptions { TimeLimit = TimeSpan.Zero }));
    }

    private static void Cross(Platform p, Spinlock first, Spinlock second, Word holding)
    {
        first.Lock();
        holding.Add(1);
        p.WaitUntil(() => holding.Read() == 2, "both CPUs to hold their first lock");
        second.Lock();
    }

    private static int[] Choices(ChaosDelay delay) => Enumerable.Range(0, 200).Select(_ => delay.Next()).ToArray();
}
