using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose <c>pcpu_pool_alloc_elems</c> returns how many elements were asked for, not how
/// many it got. The changed line: <c>return i</c> became <c>return nr</c>. Only the out-of-memory path
/// differs, which is the path nobody exercises: then <c>pool-&gt;nr</c> counts elements that do not exist
/// (and with none allocated the splice writes through a NULL tail).
/// </summary>
[Implementation("pool-alloc-elems-counts-request",
    Description = "pcpu_pool_alloc_elems returns the count asked for, not the count allocated: nr exceeds the chain when the allocator runs out",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolAllocElemsCountsRequest(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    protected override int AllocElems(int nr, out PerCpuPtr head, out PerCpuPtr tail)
    {
        head = PerCpuPtr.Null;
        tail = PerCpuPtr.Null;
        int i;
        for (i = 0; i < nr; i++)
        {
            var p = Allocator.Alloc(ElemSize, ElemAlign);
            if (p.IsNull)
            {
                break;
            }
            if (tail.IsNull)
            {
                tail = p;
            }
            if (!head.IsNull)
            {
                WriteNextp(p, head);
            }
            head = p;
        }
        return nr;
    }
}
