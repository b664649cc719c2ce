namespace Conformance.Smp;

/// <summary>The saved interrupt state returned by <c>local_irq_save</c> / <c>spin_lock_irqsave</c>.</summary>
public readonly record struct IrqFlags(bool WereDisabled);
