using Conformance.Concurrency.Exploration;
using Conformance.Smp;

namespace Conformance.Concurrency.Tests.Controlled;

/// <summary>Small scenarios with known bugs, for testing the scheduler itself.</summary>
internal static class SchedulerScenarios
{
    /// <summary>Two CPUs increment a word by a read then a write, with no lock: an update can be lost.</summary>
    public static Scenario RacyIncrement { get; } = new("racy-increment", 2, platform =>
    {
        var counter = platform.NewWord("counter");
        void Increment()
        {
            var value = counter.Read();
            counter.Write(value + 1);
        }
        return new ScenarioRun([Increment, Increment], () =>
        {
            if (counter.Peek() != 2)
            {
                throw new InvalidOperationException($"lost update: counter is {counter.Peek()} after two increments");
            }
        });
    });

    /// <summary>The same increments under a spinlock: never loses an update.</summary>
    public static Scenario LockedIncrement { get; } = new("locked-increment", 3, platform =>
    {
        var counter = platform.NewWord("counter");
        var lockA = platform.NewSpinlock("counter_lock");
        void Increment()
        {
            for (var i = 0; i < 2; i++)
            {
                lockA.Lock();
                counter.Write(counter.Read() + 1);
                lockA.Unlock();
            }
        }
        return new ScenarioRun([Increment, Increment, Increment], () =>
        {
            if (counter.Peek() != 6)
            {
                throw new InvalidOperationException($"counter is {counter.Peek()}, expected 6");
            }
        });
    });

    /// <summary>CPU0 takes A then B, CPU1 takes B then A.</summary>
    public static Scenario LockOrderInversion { get; } = new("lock-order-inversion", 2, platform =>
    {
        var a = platform.NewSpinlock("A");
        var b = platform.NewSpinlock("B");
        return new ScenarioRun(
        [
            () => { a.Lock(); b.Lock(); b.Unlock(); a.Unlock(); },
            () => { b.Lock(); a.Lock(); a.Unlock(); b.Unlock(); },
        ]);
    });

    /// <summary>CPU0 spins on a flag nobody ever sets.</summary>
    public static Scenario HopelessWait { get; } = new("hopeless-wait", 2, platform =>
    {
        var flag = platform.NewWord("never_set");
        var other = platform.NewWord("other");
        return new ScenarioRun(
        [
            () => platform.WaitUntil(() => flag.Read() == 1, "never_set to become 1"),
            () => other.Write(1),
        ]);
    });

    /// <summary>CPU0 sends an IPI to CPU1 and waits for the handler's acknowledgement; CPU1 works meanwhile.</summary>
    public static Scenario IpiHandshake { get; } = new("ipi-handshake", 2, platform =>
    {
        var ack = platform.NewWord("ack");
        var work = platform.NewWord("work");
        platform.RegisterIpiHandler(IpiVector.CallFunctionSingle, () => ack.Write(platform.ThisCpu + 10));
        return new ScenarioRun(
        [
            () =>
            {
                platform.SendIpi(1, IpiVector.CallFunctionSingle);
                platform.WaitUntil(() => ack.Read() != 0, "ack");
            },
            () => { work.Add(1); work.Add(1); },
        ], () =>
        {
            if (ack.Peek() != 11)
            {
                throw new InvalidOperationException($"ack is {ack.Peek()}, the handler did not run on CPU1");
            }
        });
    });
}
