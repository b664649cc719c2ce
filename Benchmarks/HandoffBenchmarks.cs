using BenchmarkDotNet.Attributes;

namespace Conformance.Benchmarks;

/// <summary>
/// The cost of handing control from one thread to another and back: the floor under any scheduler
/// that runs one context at a time on its own OS thread (the controlled backend hands a baton at
/// every scheduling point). Each invocation is one round trip, reported per handoff.
/// </summary>
public class HandoffBenchmarks
{
    private readonly SemaphoreSlim ping = new(0);
    private readonly SemaphoreSlim pong = new(0);
    private readonly object gate = new();
    // Whose move it is in the Monitor ping-pong: 1 the partner's, 0 the benchmark thread's.
    private int turn;
    private volatile bool stop;
    private Thread? semaphorePartner;
    private Thread? monitorPartner;

    [GlobalSetup]
    public void StartPartners()
    {
        semaphorePartner = new Thread(SemaphorePartner) { IsBackground = true, Name = "semaphore partner" };
        monitorPartner = new Thread(MonitorPartner) { IsBackground = true, Name = "monitor partner" };
        semaphorePartner.Start();
        monitorPartner.Start();
    }

    [GlobalCleanup]
    public void StopPartners()
    {
        stop = true;
        ping.Release();
        lock (gate)
        {
            Monitor.PulseAll(gate);
        }
        semaphorePartner?.Join();
        monitorPartner?.Join();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2)]
    public void SemaphoreSlimHandoff()
    {
        ping.Release();
        pong.Wait();
    }

    [Benchmark(OperationsPerInvoke = 2)]
    public void MonitorHandoff()
    {
        lock (gate)
        {
            turn = 1;
            Monitor.Pulse(gate);
            while (turn != 0)
            {
                Monitor.Wait(gate);
            }
        }
    }

    private void SemaphorePartner()
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
    }

    private void MonitorPartner()
    {
        lock (gate)
        {
            while (true)
            {
                while (turn != 1 && !stop)
                {
                    Monitor.Wait(gate);
                }
                if (stop)
                {
                    return;
                }
                turn = 0;
                Monitor.Pulse(gate);
            }
        }
    }
}
