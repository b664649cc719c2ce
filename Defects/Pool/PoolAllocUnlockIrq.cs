using Conformance.Catalog;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// percpu_pool whose alloc releases its lock with <c>spin_unlock_irq</c> instead of
/// <c>spin_unlock_irqrestore</c>. The changed line: the unlock (the saved flags are left unused). From
/// process context with interrupts on, nothing changes; a caller that had interrupts disabled, which
/// the pool exists for (an IPI handler, a section under another irqsave lock), returns with them enabled.
/// </summary>
[Implementation("pool-alloc-unlock-irq",
    Description = "alloc unlocks with spin_unlock_irq: a caller with interrupts disabled (an IPI handler) gets them enabled",
    Rules = RuleSet.Seed, KnownDeviations = ["nr-bound"])]
public sealed class PoolAllocUnlockIrq(Platform platform, IPerCpuAllocator allocator, PoolParameters parameters)
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
            FillWork.Schedule();
        }

        Lock.UnlockIrq();
        return p;
    }
}
