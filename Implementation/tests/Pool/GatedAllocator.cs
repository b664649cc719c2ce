using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Implementation.Tests.Pool;

/// <summary>An allocator whose allocations first wait until a gate word is opened: holds a fill mid-way.</summary>
internal sealed class GatedAllocator(Platform platform, IPerCpuAllocator inner) : IPerCpuAllocator
{
    public Word Gate { get; } = platform.NewWord("gate");

    public PerCpuArea Area => inner.Area;

    public long BytesInUse => inner.BytesInUse;

    public PerCpuPtr Alloc(int size, int align)
    {
        platform.WaitUntil(() => Gate.Read() != 0, "the allocation gate");
        return inner.Alloc(size, align);
    }

    public PerCpuPtr AllocBig(int size, int align) => inner.AllocBig(size, align);

    public void Free(PerCpuPtr ptr) => inner.Free(ptr);
}
