using Conformance.Memory;

namespace Conformance.Contracts;

/// <summary>
/// The <c>alloc_percpu</c> API (Rusty Russell's cpualloc series) over a per-cpu reserve. An
/// implementation is constructed as <c>new T(Platform platform, PerCpuArea area)</c> and serves only
/// from <c>area</c>'s reserve (and its big region for <see cref="AllocBig"/>).
/// </summary>
/// <remarks>
/// What every implementation must do (the contract level of the checks):
/// <list type="bullet">
/// <item>never hand out a byte that is part of a live allocation (no overlap, on any CPU);</item>
/// <item>return memory zeroed on every CPU, aligned to <c>max(align, 4)</c>, inside the area;</item>
/// <item>return <see cref="PerCpuPtr.Null"/> when it cannot serve (out of space is not an exception);</item>
/// <item>return <see cref="PerCpuPtr.ZeroSize"/> for size 0, and accept it (and NULL) in <see cref="Free"/> as a no-op;</item>
/// <item>reject bad input with an exception and leave its state exactly as it was: a negative size
///   (<see cref="ArgumentOutOfRangeException"/>), an alignment that is not a power of two or is above a
///   page of 4096 bytes (<see cref="ArgumentException"/>), a free of a pointer that is not live (double free,
///   a pointer into the middle of an allocation, a foreign pointer: <see cref="InvalidFreeException"/>);</item>
/// <item>mark the shadow of the area (<see cref="PerCpuArea.MarkAllocated"/> / <see cref="PerCpuArea.MarkFreed"/>)
///   for every allocation it hands out and takes back, so accesses are checked.</item>
/// </list>
/// The reference's policy (strict level only): first fit from the lowest free 4-byte unit, as cpu_alloc.
/// Allocation runs in process context (it may wait for the map lock), never from an IPI handler.
/// </remarks>
public interface IPerCpuAllocator
{
    /// <summary>The area the allocator serves from.</summary>
    PerCpuArea Area { get; }

    /// <summary><c>__alloc_percpu(size, align)</c>: zeroed on every CPU; NULL when out of space.</summary>
    PerCpuPtr Alloc(int size, int align);

    /// <summary><c>big_percpu_alloc(size, align)</c>: for large users, served outside the reserve.</summary>
    PerCpuPtr AllocBig(int size, int align);

    /// <summary><c>free_percpu(ptr)</c>: NULL and ZERO_SIZE_PTR are no-ops; anything not live is an <see cref="InvalidFreeException"/>.</summary>
    void Free(PerCpuPtr ptr);

    /// <summary>Bytes handed out and not freed, counted in whole units as the seed's CPU_BYTES statistic.</summary>
    long BytesInUse { get; }
}
