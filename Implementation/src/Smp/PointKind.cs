namespace Conformance.Smp;

/// <summary>
/// What a scheduling point is. Every platform operation another CPU can observe is one; the
/// controlled backend records the kind of each decision so that a replay can tell when it diverges.
/// </summary>
public enum PointKind : byte
{
    /// <summary>READ_ONCE of a word or cell, or a test_bit.</summary>
    Read,
    /// <summary>WRITE_ONCE of a word or cell.</summary>
    Write,
    /// <summary>An atomic read-modify-write: add, exchange, compare-exchange, test-and-set/clear.</summary>
    Rmw,
    /// <summary>Taking a spinlock (the attempt; a CPU that fails waits).</summary>
    Lock,
    /// <summary>Releasing a spinlock.</summary>
    Unlock,
    /// <summary>Enabling or restoring local interrupts.</summary>
    Irq,
    /// <summary>Raising an IPI on a CPU or a mask.</summary>
    IpiRaise,
    /// <summary>An IPI handler about to run on its target CPU.</summary>
    IpiDeliver,
    /// <summary>smp_mb / smp_wmb / smp_rmb (recorded; every backend here is sequentially consistent).</summary>
    Barrier,
    /// <summary>A spin-wait (cpu_relax loop) on a condition other CPUs must make true.</summary>
    Wait,
    /// <summary>schedule_work, cancel_work_sync, or a work item starting on a worker.</summary>
    Work,
    /// <summary>The start or end of an operation of the scenario (a marker for reports).</summary>
    Operation,
    /// <summary>cpu_down or cpu_up: a CPU leaves or joins the online mask.</summary>
    Hotplug,
}
