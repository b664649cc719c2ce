using BenchmarkDotNet.Attributes;
using Conformance.Allocator;
using Conformance.Backends.Threaded;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Benchmarks;

/// <summary>
/// What the platform costs an implementation: the same percpu_pool algorithm once against the platform
/// (the reference <see cref="PercpuPool"/> on the threaded backend, the benchmark thread attached as
/// CPU 0 of an idle two-CPU machine) and once on raw .NET primitives (<see cref="RawPercpuPool"/>, the
/// baseline), in the same run. The Ratio column is the platform's cost; the goal is at most 1.5.
/// </summary>
/// <remarks>
/// One operation is a round trip through both locked paths of the pool: percpu_pool_alloc, then the
/// element goes back in front of the chain through the locked part of percpu_pool_fill (a one-element
/// chain, target the high watermark). An element would normally leave through free_percpu, but then
/// the two sides would differ by their allocators (cpu_alloc against none), not by the platform; this
/// way the pool stays at its high watermark, no refill is ever scheduled and no allocator runs, and the
/// figure is the pool's own work: on the platform side its spinlock with interrupts saved and restored,
/// the head, nr and inhibit_fill words, and the checked per-cpu accesses to the chain links. Per round
/// trip the platform side passes 20 scheduling points, looks the calling context up 4 times (a
/// thread-static read: each lock and unlock checks who holds the lock and saves or restores that
/// context's interrupt state) and checks 3 per-cpu accesses against the shadow; the raw side does none
/// of that. On the threaded backend with nothing to attend to, a scheduling point is one field read
/// (no call, no version, no trace); a context lookup is one primitive thread-static read, which on
/// Linux is a call into the dynamic loader's TLS lookup and so the largest of these costs (about 2 ns
/// each where this was measured: the four alone cost more than the half of a raw round trip that a
/// ratio of 1.5 leaves); a shadow check is a few range tests and one eight-wide compare of the owning
/// tags.
/// </remarks>
[MemoryDiagnoser]
public class PlatformOverheadBenchmarks
{
    // Round trips per invocation: one is close to the resolution of a single call.
    private const int Ops = 100;
    private const int ElementSize = 8;
    private const int Low = 4;
    private const int High = 16;

    private ThreadedPlatform platform = null!;
    private IDisposable cpu0 = null!;
    private RecyclingPercpuPool pool = null!;
    private RawPercpuPool raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        platform = new ThreadedPlatform(cpuCount: 2);
        var allocator = new CpuAlloc(platform, new PerCpuArea(platform, reserveBytes: 4096));
        pool = new RecyclingPercpuPool(platform, allocator, new PoolParameters(ElementSize, ElementSize, Low, High));
        raw = new RawPercpuPool(cpuCount: 2, ElementSize, ElementSize, Low, High, bytesPerCpu: 4096);
        cpu0 = platform.Attach(0);
        pool.Fill(0);
        raw.Fill(0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        cpu0.Dispose();
        if (pool.Count != High || raw.Count != High)
        {
            throw new InvalidOperationException($"the pools hold {pool.Count} and {raw.Count} elements, not {High}");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops)]
    public long RawAllocRecycle()
    {
        var sum = 0L;
        for (var i = 0; i < Ops; i++)
        {
            var p = raw.Alloc();
            raw.FillSplice(High, 1, p, p);
            sum += p;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public long PlatformAllocRecycle()
    {
        var sum = 0L;
        for (var i = 0; i < Ops; i++)
        {
            var p = pool.Alloc();
            pool.Recycle(p);
            sum += p.Offset;
        }
        return sum;
    }

    /// <summary>The reference pool with its fill splice reachable: nothing else changes.</summary>
    private sealed class RecyclingPercpuPool(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
        : PercpuPool(platform, allocator, parameters)
    {
        public void Recycle(PerCpuPtr p) => FillSplice(Parameters.High, 1, p, p);
    }
}
