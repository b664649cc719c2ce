using BenchmarkDotNet.Attributes;
using Conformance.Allocator;
using Conformance.Backends.Threaded;
using Conformance.Memory;

namespace Conformance.Benchmarks;

/// <summary>
/// alloc_percpu + free_percpu of 8 bytes on the reference cpu_alloc (threaded backend, the benchmark
/// thread attached as CPU 0 of an idle machine), per pair. The map is empty apart from the block
/// being cycled, so the first_free hint finds the fit at once: the figure is the fixed cost of the two
/// locked map updates, the shadow marks and zeroing the block on every CPU, the last of which grows
/// with <see cref="Cpus"/>.
/// </summary>
[MemoryDiagnoser]
public class AllocatorBenchmarks
{
    // Pairs per invocation: one pair is close to the resolution of a single call.
    private const int Ops = 100;

    private ThreadedPlatform platform = null!;
    private IDisposable cpu0 = null!;
    private CpuAlloc allocator = null!;

    [Params(2, 8)]
    public int Cpus { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        platform = new ThreadedPlatform(Cpus);
        allocator = new CpuAlloc(platform, new PerCpuArea(platform, reserveBytes: 4096));
        cpu0 = platform.Attach(0);
    }

    [GlobalCleanup]
    public void Cleanup() => cpu0.Dispose();

    [Benchmark(OperationsPerInvoke = Ops)]
    public long AllocFree8()
    {
        var offsets = 0L;
        for (var i = 0; i < Ops; i++)
        {
            var p = allocator.Alloc(8, 8);
            offsets += p.Offset;
            allocator.Free(p);
        }
        return offsets;
    }
}
