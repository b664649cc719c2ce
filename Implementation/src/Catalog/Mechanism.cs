namespace Conformance.Catalog;

/// <summary>The three mechanisms the suite checks, one contract each.</summary>
public enum Mechanism
{
    /// <summary><see cref="Contracts.IPerCpuAllocator"/>: cpu_alloc behind alloc_percpu.</summary>
    Allocator,
    /// <summary><see cref="Contracts.IPercpuPool"/>: percpu_pool.</summary>
    Pool,
    /// <summary><see cref="Contracts.ICrossCall"/>: generic IPI cross-calls.</summary>
    CrossCall,
}
