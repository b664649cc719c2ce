using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose empty does not cancel the fill work. The changed line: <c>cancel_work_sync(&amp;pool-&gt;fill_work)</c>
/// is gone, as if emptying the chain were enough. An alloc that left the pool empty has a refill
/// pending: after <c>percpu_pool_empty</c> returns the work still runs and fills the pool again, so a
/// pool about to be destroyed holds elements (and its work runs on it).
/// </summary>
[Implementation("pool-empty-no-cancel",
    Description = "empty does not cancel the fill work: a pending refill runs after empty returned",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolEmptyNoCancel(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    public override void Empty()
    {
        var flags = Lock.LockIrqSave();
        var head = PerCpuPtr.FromRaw(Head.Read());
        Head.Write(PerCpuPtr.Null.ToRaw());
        Nr.Write(0);
        Lock.UnlockIrqRestore(flags);

        while (!head.IsNull)
        {
            var p = head;
            head = ReadNextp(p);
            Allocator.Free(p);
        }
    }
}
