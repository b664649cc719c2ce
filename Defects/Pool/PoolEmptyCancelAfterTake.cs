using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose empty cancels the fill work after taking the chain. The changed line:
/// <c>cancel_work_sync</c> moved below the locked take, where "stop it, it is empty now" reads
/// naturally. A refill already running allocates outside the lock and splices under it: if it splices
/// between the take and the cancel (which waits for it to finish), the pool holds its elements after
/// <c>percpu_pool_empty</c> returned.
/// </summary>
[Implementation("pool-empty-cancel-after-take",
    Description = "empty takes the chain, then cancels the work: a refill running meanwhile splices after the take",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolEmptyCancelAfterTake(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    public override void Empty()
    {
        var flags = Lock.LockIrqSave();
        var head = PerCpuPtr.FromRaw(Head.Read());
        Head.Write(PerCpuPtr.Null.ToRaw());
        Nr.Write(0);
        Lock.UnlockIrqRestore(flags);

        FillWork.CancelSync();

        while (!head.IsNull)
        {
            var p = head;
            head = ReadNextp(p);
            Allocator.Free(p);
        }
    }
}
