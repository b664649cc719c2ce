using Conformance.Allocator;
using Conformance.Backends.Sequential;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;

namespace Conformance.Implementation.Tests.Pool;

/// <summary>A sequential machine with a per-cpu area, the reference allocator and a reference pool.</summary>
internal sealed class PoolMachine : IDisposable
{
    public PoolMachine(PoolParameters parameters, int reserveBytes = 1024, int cpus = 2)
    {
        Machine = new SequentialPlatform(cpus);
        Area = new PerCpuArea(Machine, reserveBytes);
        Allocator = new CpuAlloc(Machine, Area);
        Pool = new PercpuPool(Machine, Allocator, parameters);
    }

    public SequentialPlatform Machine { get; }

    public PerCpuArea Area { get; }

    public CpuAlloc Allocator { get; }

    public PercpuPool Pool { get; }

    public void Fill(int target) => Machine.On(0, () => Pool.Fill(target));

    public PerCpuPtr Alloc(int cpu = 0) => Machine.On(cpu, Pool.Alloc);

    public void Empty() => Machine.On(0, Pool.Empty);

    public void Free(PerCpuPtr ptr) => Machine.On(0, () => Allocator.Free(ptr));

    public void Dispose() => Machine.Dispose();
}
