using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose empty frees each element before reading its link. The changed line:
/// <c>head = *pcpu_pool_nextp(p)</c> moved below <c>free_percpu(p)</c>, the classic teardown-loop slip
/// that works on most allocators because the freed bytes are still there. Here the read is of memory
/// no longer allocated: a use after free with two or more elements in the pool.
/// </summary>
[Implementation("pool-empty-link-after-free",
    Description = "empty frees an element, then reads its chain link: a use after free",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolEmptyLinkAfterFree(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    public override void Empty()
    {
        FillWork.CancelSync();

        var flags = Lock.LockIrqSave();
        var head = PerCpuPtr.FromRaw(Head.Read());
        Head.Write(PerCpuPtr.Null.ToRaw());
        Nr.Write(0);
        Lock.UnlockIrqRestore(flags);

        while (!head.IsNull)
        {
            var p = head;
            Allocator.Free(p);
            head = ReadNextp(p);
        }
    }
}
