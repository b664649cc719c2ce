using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose alloc calls the fill function directly instead of scheduling it. The changed line:
/// <c>schedule_work(&amp;pool-&gt;fill_work)</c> became <c>__pcpu_pool_fill_workfn(...)</c>, "refill now,
/// the caller wants elements". Alloc then calls the process-context allocator from any context, under
/// its own spinlock, and the fill's splice takes that spinlock again: the first alloc that leaves
/// the pool low deadlocks on its own lock.
/// </summary>
[Implementation("pool-alloc-fills-inline",
    Description = "alloc runs the fill function itself instead of scheduling the work: it allocates under the pool lock and re-takes it",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolAllocFillsInline(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
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
            Nr.Write(Nr.Read() - 1);
        }

        if (ShouldFill(Nr.Read()))
        {
            InhibitFillWord.Write(0);
            FillWorkFn();
        }

        Lock.UnlockIrqRestore(flags);
        return p;
    }
}
