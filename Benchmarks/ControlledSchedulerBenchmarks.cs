using BenchmarkDotNet.Attributes;
using Conformance.Backends.Cooperative;
using Conformance.Concurrency.Controlled;
using Conformance.Concurrency.Strategies;
using Conformance.Smp;

namespace Conformance.Benchmarks;

/// <summary>
/// The controlled scheduler's cost per scheduling point: when the running CPU simply goes on (the
/// bookkeeping of a decision: enabled choices, the strategy, the trace), and when every point hands the
/// baton to the other CPU (a thread handoff each time), next to a raw SemaphoreSlim handoff between two
/// threads measured in the same run (the baseline: the Ratio column is the switch's cost over it).
/// </summary>
[MemoryDiagnoser]
public class ControlledSchedulerBenchmarks
{
    private const int Points = 20_000;

    private readonly SemaphoreSlim ping = new(0);
    private readonly SemaphoreSlim pong = new(0);
    private Thread? partner;
    private volatile bool stop;

    [GlobalSetup]
    public void StartPartner()
    {
        partner = new Thread(() =>
        {
            while (true)
            {
                ping.Wait();
                if (stop)
                {
                    return;
                }
                pong.Release();
            }
        })
        { IsBackground = true, Name = "handoff partner" };
        partner.Start();
    }

    [GlobalCleanup]
    public void StopPartner()
    {
        stop = true;
        ping.Release();
        partner?.Join();
    }

    /// <summary>One handoff to another thread (half a round trip).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 2)]
    public void RawSemaphoreSlimHandoff()
    {
        ping.Release();
        pong.Wait();
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public long PointKeepsRunning() => Run(new KeepRunning(), busyCpus: 1);

    [Benchmark(OperationsPerInvoke = 2 * Points)]
    public long PointSwitchesCpu() => Run(new Alternate(), busyCpus: 2);

    private static long Run(ISchedulingStrategy strategy, int busyCpus)
    {
        strategy.BeginIteration(0, 1);
        var platform = new ControlledPlatform(2, strategy, workerCount: 0, stepBound: 10 * Points);
        var word = platform.NewWord("word");
        void Reads()
        {
            for (var i = 0; i < Points; i++)
            {
                word.Read();
            }
        }
        platform.Run(busyCpus == 2 ? [Reads, Reads] : [Reads, null]);
        return platform.Steps;
    }

    /// <summary>Always lets the running CPU go on.</summary>
    private sealed class KeepRunning : ISchedulingStrategy
    {
        public string Name => "keep";

        public bool BeginIteration(long iteration, ulong seed) => true;

        public string Describe() => Name;

        public int Next(IReadOnlyList<Choice> choices, int running, PointKind kind)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (choices[i].Context == running)
                {
                    return i;
                }
            }
            return 0;
        }
    }

    /// <summary>Always switches to another CPU when there is one.</summary>
    private sealed class Alternate : ISchedulingStrategy
    {
        public string Name => "alternate";

        public bool BeginIteration(long iteration, ulong seed) => true;

        public string Describe() => Name;

        public int Next(IReadOnlyList<Choice> choices, int running, PointKind kind)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (choices[i].Context != running)
                {
                    return i;
                }
            }
            return 0;
        }
    }
}
