namespace Conformance.Properties;

/// <summary>The steps an allocator sequence is made of.</summary>
public enum AllocatorOpKind
{
    /// <summary>Make CPU A the one the next steps run on.</summary>
    Cpu,
    /// <summary><c>local_irq_disable()</c> on the current CPU.</summary>
    IrqOff,
    /// <summary><c>local_irq_enable()</c> on the current CPU.</summary>
    IrqOn,
    /// <summary><c>__alloc_percpu(A, B)</c>, bad sizes and alignments included.</summary>
    Alloc,
    /// <summary><c>big_percpu_alloc(A, B)</c>.</summary>
    AllocBig,
    /// <summary>Check the owner pattern of the A-th live allocation (oldest first, modulo), then free it.</summary>
    Free,
    /// <summary><c>free_percpu(NULL)</c>.</summary>
    FreeNull,
    /// <summary><c>free_percpu(ZERO_SIZE_PTR)</c>.</summary>
    FreeZeroSize,
    /// <summary>Free the A-th pointer freed before again (a double free, maybe of re-used units).</summary>
    FreeStale,
    /// <summary>Free a pointer B bytes into the A-th live allocation.</summary>
    FreeInterior,
    /// <summary>Free a pointer never handed out: the A-th live offset (or offset A) with a tag never issued.</summary>
    FreeForeign,
}
