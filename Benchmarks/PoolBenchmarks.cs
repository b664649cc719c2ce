using BenchmarkDotNet.Attributes;
using Conformance.Allocator;
using Conformance.Backends.Threaded;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Microsoft.Extensions.ObjectPool;

namespace Conformance.Benchmarks;

/// <summary>
/// percpu_pool_alloc on the reference pool (threaded backend, the benchmark thread attached as CPU 0
/// of an idle two-CPU machine) against <see cref="DefaultObjectPool{T}"/> Get + Return, per element.
/// </summary>
/// <remarks>
/// An element leaves a percpu_pool for good: the seed frees it with free_percpu, so every alloc + free
/// shrinks the pool by one, and the pool must not run low while it is measured (an empty pool makes
/// alloc return NULL: a different, cheaper path). So each iteration is one invocation of
/// <see cref="Batch"/> operations on a pool that <see cref="Refill"/> fills to its high watermark,
/// Batch + low, outside the measured region ([IterationSetup] forces one invocation per iteration);
/// the pool ends every iteration at its low watermark, so no alloc is below it and the refill work is
/// never scheduled: every operation measured takes the common path. The object pool is measured the
/// same way, so all three share one job and one Ratio column. With one invocation per iteration the
/// short job's three warmup iterations end before the JIT has tiered the code up: hence more of them.
/// <list type="bullet">
/// <item><c>PercpuPoolAllocFree</c>: percpu_pool_alloc, then free_percpu of the element (the seed's
///   pairing): the pool's locked pop plus the allocator's free.</item>
/// <item><c>PercpuPoolAlloc</c>: percpu_pool_alloc alone; the elements are freed after the iteration.</item>
/// <item><c>ObjectPoolGetReturn</c> (baseline): Get then Return of an 8-byte object, which keeps the
///   object pool at its fast path (one cached item). The Ratio column is each figure over it.</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[WarmupCount(20)]
public class PoolBenchmarks
{
    // Elements per invocation (and per iteration, for the percpu_pool benchmarks).
    private const int Batch = 16_384;
    private const int Low = 16;
    private const int ElementSize = 8;

    private ThreadedPlatform platform = null!;
    private IDisposable cpu0 = null!;
    private CpuAlloc allocator = null!;
    private PercpuPool pool = null!;
    private readonly PerCpuPtr[] held = new PerCpuPtr[Batch];
    private readonly DefaultObjectPool<Element> objectPool = new(new DefaultPooledObjectPolicy<Element>());

    [GlobalSetup]
    public void Setup()
    {
        platform = new ThreadedPlatform(cpuCount: 2);
        // Room for the pool at its high watermark plus slack.
        var area = new PerCpuArea(platform, reserveBytes: (Batch + 2 * Low) * ElementSize);
        allocator = new CpuAlloc(platform, area);
        pool = new PercpuPool(platform, allocator, new PoolParameters(ElementSize, ElementSize, Low, Batch + Low));
        cpu0 = platform.Attach(0);
    }

    [GlobalCleanup]
    public void Cleanup() => cpu0.Dispose();

    [IterationSetup]
    public void Refill()
    {
        pool.Fill(0);
        if (pool.Count != Batch + Low)
        {
            throw new InvalidOperationException($"the pool holds {pool.Count} elements after the refill, not {Batch + Low}");
        }
    }

    [IterationCleanup(Target = nameof(PercpuPoolAlloc))]
    public void FreeHeld()
    {
        foreach (var p in held)
        {
            allocator.Free(p);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void ObjectPoolGetReturn()
    {
        for (var i = 0; i < Batch; i++)
        {
            var element = objectPool.Get();
            objectPool.Return(element);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void PercpuPoolAllocFree()
    {
        for (var i = 0; i < Batch; i++)
        {
            allocator.Free(Take());
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void PercpuPoolAlloc()
    {
        for (var i = 0; i < Batch; i++)
        {
            held[i] = Take();
        }
    }

    private PerCpuPtr Take()
    {
        var p = pool.Alloc();
        return p.IsNull ? throw new InvalidOperationException("the pool ran empty inside the measured region") : p;
    }

    /// <summary>What the object pool hands out: the size of one CPU's copy of a pool element.</summary>
    private sealed class Element
    {
        public long Value { get; set; }
    }
}
