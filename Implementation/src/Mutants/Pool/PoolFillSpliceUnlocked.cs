using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// percpu_pool whose fill splices its new chain onto the head without <c>pool-&gt;lock</c> (interrupts
/// still disabled). An alloc between reading the head and writing the new one hands out an element the
/// new chain still links to, and the elements behind it drop off; two fills at once lose one chain.
/// Either way allocated = in pool + held + freed no longer holds.
/// </summary>
/// <remarks>
/// Exposed by the refill work or an explicit fill racing allocations (the pool-refill and
/// pool-fill-empty scenarios).
/// </remarks>
[Implementation("pool-fill-splice-unlocked",
    Description = "fill splices its new chain onto the head without the lock: concurrent allocs or fills make elements vanish",
    Mirrors = "percpu_pool_fill's spin_lock_irq(&pool->lock) around the splice (Heo, Jul 2014)",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolFillSpliceUnlocked(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    /// <summary>The reference's splice with <c>local_irq_disable</c> where <c>spin_lock_irq</c> belongs.</summary>
    protected override void FillSplice(int targetNr, int nr, PerCpuPtr head, PerCpuPtr tail)
    {
        // The defect: interrupts off, but no lock against the other CPUs.
        Platform.LocalIrqDisable();
        if (nr != 0)
        {
            WriteNextp(tail, PerCpuPtr.FromRaw(Head.Read()));
            Head.Write(head.ToRaw());
            Nr.Write(Nr.Read() + nr);
        }
        InhibitFillWord.Write(targetNr < Parameters.Low ? 1 : 0);
        Platform.LocalIrqEnable();
    }
}
