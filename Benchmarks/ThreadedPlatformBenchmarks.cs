using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Conformance.Backends.Threaded;
using Conformance.Smp;

namespace Conformance.Benchmarks;

/// <summary>
/// What the threaded backend costs over the raw .NET primitive it maps to, operation by operation.
/// The benchmark thread is made CPU 0 of an idle machine (<see cref="ThreadedPlatform.Attach"/>), so
/// each platform call goes through the same code as on a CPU thread of a run: the scheduling point's
/// fast path (no IPI pending, no chaos), the context lookup where the operation needs one, the access.
/// Each category compares against its raw baseline; every figure is per operation.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ThreadedPlatformBenchmarks
{
    // Operations per invocation: one raw operation is below the resolution of a single call.
    private const int Ops = 100;

    private ThreadedPlatform platform = null!;
    private IDisposable cpu0 = null!;
    private Word word = null!;
    private Spinlock spinlock = null!;
    private long raw;
    private int casLock;
    // A mutable struct: never readonly, or every Enter would work on a copy.
    private SpinLock dotnetSpinLock = new(enableThreadOwnerTracking: false);

    [GlobalSetup]
    public void Setup()
    {
        platform = new ThreadedPlatform(cpuCount: 2);
        word = platform.NewWord("bench_word");
        spinlock = platform.NewSpinlock("bench_lock");
        cpu0 = platform.Attach(0);
    }

    [GlobalCleanup]
    public void Cleanup() => cpu0.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops), BenchmarkCategory("Read")]
    public long VolatileRead()
    {
        var sum = 0L;
        for (var i = 0; i < Ops; i++)
        {
            sum += Volatile.Read(ref raw);
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Ops), BenchmarkCategory("Read")]
    public long WordRead()
    {
        var sum = 0L;
        for (var i = 0; i < Ops; i++)
        {
            sum += word.Read();
        }
        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops), BenchmarkCategory("Write")]
    public void VolatileWrite()
    {
        for (var i = 0; i < Ops; i++)
        {
            Volatile.Write(ref raw, i);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops), BenchmarkCategory("Write")]
    public void WordWrite()
    {
        for (var i = 0; i < Ops; i++)
        {
            word.Write(i);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops), BenchmarkCategory("Add")]
    public long InterlockedAdd()
    {
        var last = 0L;
        for (var i = 0; i < Ops; i++)
        {
            last = Interlocked.Add(ref raw, 1);
        }
        return last;
    }

    [Benchmark(OperationsPerInvoke = Ops), BenchmarkCategory("Add")]
    public long WordAdd()
    {
        var last = 0L;
        for (var i = 0; i < Ops; i++)
        {
            last = word.Add(1);
        }
        return last;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops), BenchmarkCategory("CompareExchange")]
    public long InterlockedCompareExchange()
    {
        var old = 0L;
        for (var i = 0; i < Ops; i++)
        {
            old = Interlocked.CompareExchange(ref raw, old + 1, old);
        }
        return old;
    }

    [Benchmark(OperationsPerInvoke = Ops), BenchmarkCategory("CompareExchange")]
    public long WordCompareExchange()
    {
        var old = 0L;
        for (var i = 0; i < Ops; i++)
        {
            old = word.CompareExchange(old + 1, old);
        }
        return old;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops), BenchmarkCategory("Lock")]
    public void CasLockUnlock()
    {
        for (var i = 0; i < Ops; i++)
        {
            while (Interlocked.CompareExchange(ref casLock, 1, 0) != 0)
            {
                Thread.SpinWait(1);
            }
            Volatile.Write(ref casLock, 0);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops), BenchmarkCategory("Lock")]
    public void DotnetSpinLockEnterExit()
    {
        for (var i = 0; i < Ops; i++)
        {
            var taken = false;
            dotnetSpinLock.Enter(ref taken);
            dotnetSpinLock.Exit(useMemoryBarrier: true);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops), BenchmarkCategory("Lock")]
    public void SpinlockLockUnlock()
    {
        for (var i = 0; i < Ops; i++)
        {
            spinlock.Lock();
            spinlock.Unlock();
        }
    }
}
