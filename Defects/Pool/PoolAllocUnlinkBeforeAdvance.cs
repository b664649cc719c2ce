using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose alloc clears the popped element's link before advancing the head. The changed
/// line: <c>*pcpu_pool_nextp(p) = NULL</c> moved above <c>pool-&gt;head = *pcpu_pool_nextp(p)</c>, "detach
/// it first". The head then becomes NULL: with one element nothing is wrong, with more the rest of the
/// chain is dropped while <c>nr</c> still counts it.
/// </summary>
[Implementation("pool-alloc-unlink-before-advance",
    Description = "alloc clears the element's link before advancing the head through it: the rest of the chain is lost",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolAllocUnlinkBeforeAdvance(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
    : PercpuPool(platform, allocator, parameters)
{
    public override PerCpuPtr Alloc()
    {
        var flags = Lock.LockIrqSave();

        var p = PerCpuPtr.FromRaw(Head.Read());
        if (!p.IsNull)
        {
            WriteNextp(p, PerCpuPtr.Null);
            Head.Write(ReadNextp(p).ToRaw());
            Nr.Write(Nr.Read() - 1);
        }

        if (ShouldFill(Nr.Read()))
        {
            InhibitFillWord.Write(0);
            FillWork.Schedule();
        }

        Lock.UnlockIrqRestore(flags);
        return p;
    }
}
