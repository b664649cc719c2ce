using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool that allocates its elements with the declared size and alignment. The changed line:
/// <c>__alloc_percpu(elem_size, elem_align)</c> after the clamp became the pool's raw
/// <c>pool-&gt;elem_size, pool-&gt;elem_align</c>, skipping "each elem should be able to carry a
/// pointer". Pools of pointers or longs work; a pool of 4-byte elements writes its 8-byte chain link
/// past the end of each element, into the next allocation.
/// </summary>
[Implementation("pool-elem-not-link-sized",
    Description = "elements are allocated at the declared size: an element smaller than a pointer cannot carry its chain link",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolElemNotLinkSized(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    protected override int AllocElems(int nr, out PerCpuPtr head, out PerCpuPtr tail)
    {
        head = PerCpuPtr.Null;
        tail = PerCpuPtr.Null;
        int i;
        for (i = 0; i < nr; i++)
        {
            var p = Allocator.Alloc(Parameters.ElementSize, Parameters.ElementAlign);
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
