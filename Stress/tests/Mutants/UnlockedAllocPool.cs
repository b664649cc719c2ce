using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Stress.Tests.Mutants;

/// <summary>
/// A pool whose alloc pops the head without <c>pool-&gt;lock</c> (the catalogue's pool-alloc-unlocked):
/// two CPUs can take the same element, or one can follow a link another just cleared.
/// </summary>
public sealed class UnlockedAllocPool(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    /// <summary>The defect: percpu_pool_alloc's body with no spin_lock_irqsave around it.</summary>
    public override PerCpuPtr Alloc()
    {
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
        return p;
    }
}
