namespace Conformance.Concurrency.Programs;

/// <summary>What one step of a generated program does; each kind belongs to one mechanism.</summary>
public enum ProgramOpKind
{
    /// <summary><c>cs&lt;cpu&gt;[w]</c>: smp_call_function_single.</summary>
    CallSingle,

    /// <summary><c>cm{&lt;cpus&gt;}[w]</c>: smp_call_function_many.</summary>
    CallMany,

    /// <summary><c>ca[w]</c>: smp_call_function, every other online CPU.</summary>
    CallAll,

    /// <summary><c>d&lt;cpu&gt;</c>: cpu_down.</summary>
    CpuDown,

    /// <summary><c>u&lt;cpu&gt;</c>: cpu_up.</summary>
    CpuUp,

    /// <summary><c>a</c>: percpu_pool_alloc; the element is held until a free.</summary>
    PoolAlloc,

    /// <summary><c>f</c>: frees the oldest element this CPU holds (its handler's included).</summary>
    PoolFree,

    /// <summary><c>t&lt;n&gt;</c>: percpu_pool_fill(n); 0 means the high watermark.</summary>
    PoolFill,

    /// <summary><c>e</c>: percpu_pool_empty.</summary>
    PoolEmpty,

    /// <summary><c>i&lt;cpu&gt;</c>: raises the harness's interrupt on a CPU, whose handler allocates from the pool there.</summary>
    PoolIpi,

    /// <summary><c>a&lt;size&gt;.&lt;align&gt;</c>: __alloc_percpu.</summary>
    Alloc,

    /// <summary><c>b&lt;size&gt;.&lt;align&gt;</c>: big_percpu_alloc.</summary>
    AllocBig,

    /// <summary><c>f</c>: frees the oldest allocation this CPU made that is still live.</summary>
    Free,

    /// <summary><c>x</c>: frees the oldest live allocation another CPU made.</summary>
    FreeOther,

    /// <summary><c>n</c>: free_percpu(NULL).</summary>
    FreeNull,

    /// <summary><c>z</c>: free_percpu(ZERO_SIZE_PTR).</summary>
    FreeZeroSize,
}
