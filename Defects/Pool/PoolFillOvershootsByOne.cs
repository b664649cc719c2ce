using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose <c>pcpu_pool_alloc_elems</c> loop runs once too often. The changed line:
/// <c>for (i = 0; i &lt; nr; i++)</c> became <c>i &lt;= nr</c>, and the count returned is the loop's, so
/// every element is accounted for: nothing is lost, the chain is sound, but every fill leaves one
/// element more than its target (a full pool filled again grows by one), past the high watermark.
/// </summary>
[Implementation("pool-fill-overshoots-by-one",
    Description = "the element loop runs nr + 1 times: every fill leaves one element more than its target",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolFillOvershootsByOne(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    protected override int AllocElems(int nr, out PerCpuPtr head, out PerCpuPtr tail)
    {
        head = PerCpuPtr.Null;
        tail = PerCpuPtr.Null;
        int i;
        for (i = 0; i <= nr; i++)
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
        return i;
    }
}
