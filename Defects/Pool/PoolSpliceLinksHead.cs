using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose fill hooks the old chain onto the new chain's head instead of its tail. The
/// changed line: <c>*pcpu_pool_nextp(tail) = pool-&gt;head</c> became <c>nextp(head)</c>. With one new
/// element head and tail are the same and all is well; with more, the head's link to the rest of the
/// new chain is overwritten: those elements drop off while <c>nr</c> still counts them.
/// </summary>
[Implementation("pool-splice-links-head",
    Description = "the splice links the new chain's head, not its tail, to the old chain: the new elements behind the head are lost",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolSpliceLinksHead(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    protected override void FillSplice(int targetNr, int nr, PerCpuPtr head, PerCpuPtr tail)
    {
        Lock.LockIrq();
        if (nr != 0)
        {
            WriteNextp(head, PerCpuPtr.FromRaw(Head.Read()));
            Head.Write(head.ToRaw());
            Nr.Write(Nr.Read() + nr);
        }
        InhibitFillWord.Write(targetNr < Parameters.Low ? 1 : 0);
        Lock.UnlockIrq();
    }
}
