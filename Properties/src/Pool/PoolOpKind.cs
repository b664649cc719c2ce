namespace Conformance.Properties;

/// <summary>The steps a pool sequence is made of.</summary>
public enum PoolOpKind
{
    /// <summary>Make CPU A the one the next steps run on.</summary>
    Cpu,
    /// <summary><c>local_irq_disable()</c> on the current CPU.</summary>
    IrqOff,
    /// <summary><c>local_irq_enable()</c> on the current CPU.</summary>
    IrqOn,
    /// <summary><c>percpu_pool_alloc</c> on the current CPU.</summary>
    Alloc,
    /// <summary><c>percpu_pool_alloc</c> from an interrupt handler on the current CPU.</summary>
    AllocInIrq,
    /// <summary><c>percpu_pool_fill(pool, A)</c> (process context: skipped with interrupts disabled).</summary>
    Fill,
    /// <summary><c>percpu_pool_empty</c> (process context).</summary>
    Empty,
    /// <summary>A worker runs the oldest queued work item (the refill).</summary>
    RunWork,
    /// <summary>The holder of the A-th held element checks its pattern and frees it with <c>free_percpu</c>.</summary>
    FreeHeld,
    /// <summary>Initialise another pool with the A-th invalid parameter set: rejected, nothing changes.</summary>
    InvalidParameters,
}
