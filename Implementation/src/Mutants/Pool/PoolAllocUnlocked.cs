using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// percpu_pool whose alloc pops the head without <c>pool-&gt;lock</c> (interrupts are still disabled).
/// Two CPUs that read the same head both take it: one element handed out twice, and the chain or the
/// count left wrong; a refill splicing at the same time loses elements.
/// </summary>
/// <remarks>
/// Exposed by CPUs allocating at once (the pool-refill and pool-fill-empty scenarios: a double or
/// freed hand-out in the holder ledger, or conservation broken at quiescence).
/// </remarks>
[Implementation("pool-alloc-unlocked",
    Description = "alloc pops the head without the lock: two CPUs get the same element, or one drops off the chain",
    Mirrors = "percpu_pool_alloc's spin_lock_irqsave(&pool->lock) (Heo, Jul 2014)",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolAllocUnlocked(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    /// <summary>The reference's alloc with <c>local_irq_save</c> where <c>spin_lock_irqsave</c> belongs.</summary>
    public override PerCpuPtr Alloc()
    {
        // The defect: interrupts off, but no lock against the other CPUs.
        var flags = Platform.LocalIrqSave();

        var p = PerCpuPtr.FromRaw(Head.Read());
        if (!p.IsNull)
        {
            Head.Write(ReadNextp(p).ToRaw());
            WriteNextp(p, PerCpuPtr.Null);
            Nr.Write(Nr.Read() - 1);
        }

        if (ShouldFill(Nr.Read()))
        {
            InhibitFillWord.Write(0);
            FillWork.Schedule();
        }

        Platform.LocalIrqRestore(flags);
        return p;
    }
}
