using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose fill swaps the two statements of the splice. The changed line: <c>pool-&gt;head =
/// head</c> moved above <c>*pcpu_pool_nextp(tail) = pool-&gt;head</c>; under the lock the order looks
/// free. But the link then reads the new head: the tail points back into the new chain (a cycle) and
/// every element the pool held before the fill is lost. A fill into an empty pool is unaffected.
/// </summary>
[Implementation("pool-splice-head-before-link",
    Description = "the splice publishes the new head before linking the tail to the old head: the tail links to the new chain, the old one is lost",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolSpliceHeadBeforeLink(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    protected override void FillSplice(int targetNr, int nr, PerCpuPtr head, PerCpuPtr tail)
    {
        Lock.LockIrq();
        if (nr != 0)
        {
            Head.Write(head.ToRaw());
            WriteNextp(tail, PerCpuPtr.FromRaw(Head.Read()));
            Nr.Write(Nr.Read() + nr);
        }
        InhibitFillWord.Write(targetNr < Parameters.Low ? 1 : 0);
        Lock.UnlockIrq();
    }
}
