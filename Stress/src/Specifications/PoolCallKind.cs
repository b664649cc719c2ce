namespace Conformance.Stress.Specifications;

/// <summary>The pool operations a stress history records: the harness's own, and the pool's calls into its allocator.</summary>
public enum PoolCallKind
{
    /// <summary><c>percpu_pool_alloc</c> by a holder.</summary>
    Alloc,
    /// <summary>A holder frees its element with <c>free_percpu</c> (it never comes back to the pool).</summary>
    Release,
    /// <summary><c>percpu_pool_fill(target)</c>.</summary>
    Fill,
    /// <summary><c>percpu_pool_empty</c>.</summary>
    Empty,
    /// <summary>The pool asked its allocator for an element (from a fill or the refill work).</summary>
    Supply,
    /// <summary>The pool freed an element through its allocator.</summary>
    Reclaim,
}
