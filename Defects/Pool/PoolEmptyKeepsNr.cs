using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose empty does not reset the count. The changed line: <c>pool-&gt;nr = 0</c> is gone
/// (the head is NULL, so the pool "is" empty). <c>nr</c> then counts freed elements: the count is not
/// the pool's, alloc decrements it past what it hands out, and a fill tops up too little.
/// </summary>
[Implementation("pool-empty-keeps-nr",
    Description = "empty takes the chain but does not reset nr: the pool counts elements it no longer holds",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolEmptyKeepsNr(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    public override void Empty()
    {
        FillWork.CancelSync();

        var flags = Lock.LockIrqSave();
        var head = PerCpuPtr.FromRaw(Head.Read());
        Head.Write(PerCpuPtr.Null.ToRaw());
        Lock.UnlockIrqRestore(flags);

        while (!head.IsNull)
        {
            var p = head;
            head = ReadNextp(p);
            Allocator.Free(p);
        }
    }
}
