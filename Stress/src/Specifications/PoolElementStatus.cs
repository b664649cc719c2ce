namespace Conformance.Stress.Specifications;

/// <summary>Where one element the pool allocated stands in the pool specification.</summary>
public enum PoolElementStatus : byte
{
    /// <summary>Allocated by the refill work (or a fill the harness did not make), maybe not yet on the chain.</summary>
    Unsettled,
    /// <summary>Allocated by an explicit fill that has not spliced it on yet: not in the pool.</summary>
    Filling,
    /// <summary>Surely in the pool: the explicit fill that allocated it has taken effect.</summary>
    Settled,
    /// <summary>Taken off the pool by <c>percpu_pool_empty</c>, to be freed by it.</summary>
    Taken,
    /// <summary>Handed to a holder.</summary>
    Held,
}
