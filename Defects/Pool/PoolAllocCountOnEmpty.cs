using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose alloc decrements the count whether or not it popped an element. The changed line:
/// <c>pool-&gt;nr--</c> moved out of the <c>if (p)</c> block (one brace too early). Every alloc that
/// finds the pool empty takes <c>nr</c> below zero: the count no longer says what the pool holds, and
/// the next fill, computing <c>target - nr</c>, overshoots its target.
/// </summary>
[Implementation("pool-alloc-count-on-empty",
    Description = "alloc decrements nr outside the 'if (p)': an alloc from an empty pool drives nr negative",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolAllocCountOnEmpty(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    public override PerCpuPtr Alloc()
    {
        var flags = Lock.LockIrqSave();

        var p = PerCpuPtr.FromRaw(Head.Read());
        if (!p.IsNull)
        {
            Head.Write(ReadNextp(p).ToRaw());
            WriteNextp(p, PerCpuPtr.Null);
        }
        Nr.Write(Nr.Read() - 1);

        if (ShouldFill(Nr.Read()))
        {
            InhibitFillWord.Write(0);
            FillWork.Schedule();
        }

        Lock.UnlockIrqRestore(flags);
        return p;
    }
}
