using Conformance.Allocator;
using Conformance.Backends.Sequential;
using Conformance.Memory;

namespace Conformance.Implementation.Tests.Allocator;

/// <summary>A sequential machine with a per-cpu area and the reference cpu_alloc; every call runs on a CPU.</summary>
internal sealed class AllocatorMachine : IDisposable
{
    public AllocatorMachine(int reserveBytes = 256, int bigBytes = 0, int cpus = 3)
    {
        Machine = new SequentialPlatform(cpus);
        Area = new PerCpuArea(Machine, reserveBytes, bigBytes);
        Allocator = new CpuAlloc(Machine, Area);
    }

    public SequentialPlatform Machine { get; }

    public PerCpuArea Area { get; }

    public CpuAlloc Allocator { get; }

    public PerCpuPtr Alloc(int size, int align = 4, int cpu = 0) => Machine.On(cpu, () => Allocator.Alloc(size, align));

    public PerCpuPtr AllocBig(int size, int align = 4) => Machine.On(0, () => Allocator.AllocBig(size, align));

    public void Free(PerCpuPtr ptr, int cpu = 0) => Machine.On(cpu, () => Allocator.Free(ptr));

    /// <summary>The allocator's observable state: bytes in use, the hint, the bytes the shadow marks live.</summary>
    public (long BytesInUse, int FirstFree, int LiveBytes) State() =>
        (Allocator.BytesInUse, Allocator.FirstFree, Area.LiveBytes());

    public void Dispose() => Machine.Dispose();
}
