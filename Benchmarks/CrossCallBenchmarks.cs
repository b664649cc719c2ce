using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Conformance.Backends.Threaded;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Benchmarks;

/// <summary>
/// smp_call_function_single(1, func, info, wait) on the reference generic IPI, one round trip each:
/// the benchmark thread is CPU 0 of a live two-CPU threaded machine
/// (<see cref="ThreadedPlatform.StartAttached"/>) and CPU 1 is the machine's own thread, taking the IPI
/// and running the call while CPU 0 spins in csd_wait. Two states of CPU 1, each next to a raw .NET
/// round trip of the same shape (the category's baseline; the Ratio column is the cross-call's cost
/// over it):
/// <list type="bullet">
/// <item><c>Idle</c>: CPU 1 has no program and sleeps in the backend's idle loop until an IPI wakes it
///   (an event wait); the raw round trip wakes a thread blocked on a <see cref="SemaphoreSlim"/>, which
///   answers through a volatile word the caller spins on.</item>
/// <item><c>Polling</c>: CPU 1's program spin-waits (a <see cref="Platform.WaitUntil"/> that takes IPIs
///   between evaluations: the kernel's idle=poll); the raw round trip is a partner thread that spins on
///   a volatile word with the same <see cref="SpinWait"/> policy.</item>
/// </list>
/// Each figure is one round trip, request to completion seen by the caller.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class CrossCallBenchmarks
{
    private ThreadedPlatform platform = null!;
    private GenericIpi ipi = null!;
    private IDisposable run = null!;
    private Word stop = null!;
    private Word calls = null!;
    private SmpCallFunc count = null!;

    private readonly SemaphoreSlim wake = new(0);
    private Thread? partner;
    private long request;
    private long response;
    private volatile bool partnerStop;

    [GlobalSetup(Target = nameof(CallSingleWaitToIdleCpu))]
    public void StartIdle() => Start(cpu1Program: null);

    [GlobalSetup(Target = nameof(CallSingleWaitToPollingCpu))]
    public void StartPolling() =>
        Start(() => platform.WaitUntil(() => stop.Read() != 0, "the benchmark to end"));

    [GlobalCleanup(Targets = [nameof(CallSingleWaitToIdleCpu), nameof(CallSingleWaitToPollingCpu)])]
    public void StopMachine()
    {
        stop.Write(1);
        run.Dispose();
        if (calls.Peek() == 0)
        {
            throw new InvalidOperationException("no call ran on CPU1");
        }
    }

    [GlobalSetup(Target = nameof(RawWakeRoundTrip))]
    public void StartSleepingPartner() => StartPartner(() =>
    {
        while (true)
        {
            wake.Wait();
            if (partnerStop)
            {
                return;
            }
            Volatile.Write(ref response, Volatile.Read(ref request));
        }
    });

    [GlobalSetup(Target = nameof(RawSpinRoundTrip))]
    public void StartSpinningPartner() => StartPartner(() =>
    {
        var seen = 0L;
        // One spin-wait for the partner's whole life, as CPU 1's one WaitUntil.
        var spinner = new SpinWait();
        while (!partnerStop)
        {
            var next = Volatile.Read(ref request);
            if (next != seen)
            {
                seen = next;
                Volatile.Write(ref response, seen);
            }
            else
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
    });

    [GlobalCleanup(Targets = [nameof(RawWakeRoundTrip), nameof(RawSpinRoundTrip)])]
    public void StopPartner()
    {
        partnerStop = true;
        wake.Release();
        partner?.Join();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Idle")]
    public void RawWakeRoundTrip()
    {
        var n = Volatile.Read(ref request) + 1;
        Volatile.Write(ref request, n);
        wake.Release();
        AwaitResponse(n);
    }

    [Benchmark, BenchmarkCategory("Idle")]
    public int CallSingleWaitToIdleCpu() => ipi.CallSingle(1, count, null, wait: true);

    [Benchmark(Baseline = true), BenchmarkCategory("Polling")]
    public void RawSpinRoundTrip()
    {
        var n = Volatile.Read(ref request) + 1;
        Volatile.Write(ref request, n);
        AwaitResponse(n);
    }

    [Benchmark, BenchmarkCategory("Polling")]
    public int CallSingleWaitToPollingCpu() => ipi.CallSingle(1, count, null, wait: true);

    private void Start(Action? cpu1Program)
    {
        platform = new ThreadedPlatform(cpuCount: 2);
        ipi = new GenericIpi(platform);
        stop = platform.NewWord("bench_stop");
        calls = platform.NewWord("bench_calls");
        count = _ => calls.Add(1);
        run = platform.StartAttached(0, [null, cpu1Program]);
    }

    private void StartPartner(ThreadStart body)
    {
        partner = new Thread(body) { IsBackground = true, Name = "round-trip partner" };
        partner.Start();
    }

    // The caller's side of csd_wait: a fresh spin-wait per call, yielding rather than sleeping.
    private void AwaitResponse(long n)
    {
        var spinner = new SpinWait();
        while (Volatile.Read(ref response) != n)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
