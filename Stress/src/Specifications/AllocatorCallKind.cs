namespace Conformance.Stress.Specifications;

/// <summary>The entry points of <see cref="Contracts.IPerCpuAllocator"/> a stress history records.</summary>
public enum AllocatorCallKind
{
    /// <summary><c>__alloc_percpu(size, align)</c>.</summary>
    Alloc,
    /// <summary><c>big_percpu_alloc(size, align)</c>.</summary>
    AllocBig,
    /// <summary><c>free_percpu(ptr)</c>.</summary>
    Free,
}
