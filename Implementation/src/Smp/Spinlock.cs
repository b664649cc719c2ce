namespace Conformance.Smp;

/// <summary>
/// A kernel <c>spinlock_t</c>. A CPU that finds it held spins (a wait the backends can see) and can
/// still take interrupts unless it disabled them. Misuse is a <see cref="PlatformViolationException"/>
/// naming the lock and the CPUs: unlocking a lock the caller does not hold, or taking one it holds.
/// </summary>
public sealed class Spinlock
{
    private readonly Platform platform;

    internal Spinlock(Platform platform, string name)
    {
        this.platform = platform;
        Name = name;
        // 0 when free, otherwise the holder's context + 1.
        Owner = platform.NewWord(name + ".owner");
    }

    public string Name { get; }

    internal Word Owner { get; }

    /// <summary>The context holding the lock, or -1. Not a scheduling point.</summary>
    public int Holder => (int)Owner.Peek() - 1;

    /// <summary><c>spin_lock</c>.</summary>
    public void Lock() => platform.AcquireSpinlock(this);

    /// <summary><c>spin_unlock</c>.</summary>
    public void Unlock() => platform.ReleaseSpinlock(this);

    /// <summary><c>spin_trylock</c>: takes the lock if it is free, without waiting.</summary>
    public bool TryLock() => platform.TryAcquireSpinlock(this);

    /// <summary><c>spin_lock_irqsave</c>: disables local interrupts, then takes the lock.</summary>
    public IrqFlags LockIrqSave() => platform.AcquireSpinlockIrqSave(this);

    /// <summary><c>spin_unlock_irqrestore</c>.</summary>
    public void UnlockIrqRestore(IrqFlags flags) => platform.ReleaseSpinlockIrqRestore(this, flags);

    /// <summary><c>spin_lock_irq</c>: disables local interrupts, then takes the lock.</summary>
    public void LockIrq() => platform.AcquireSpinlockIrq(this);

    /// <summary><c>spin_unlock_irq</c>: releases the lock, then enables local interrupts.</summary>
    public void UnlockIrq() => platform.ReleaseSpinlockIrq(this);

    public override string ToString() => Name;
}
