using Conformance.Contracts;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Stress.Tests.Mutants;

/// <summary>The reference pool as a user's own type would be: not in the catalog, named by its full name.</summary>
public sealed class RenamedPool(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters);
