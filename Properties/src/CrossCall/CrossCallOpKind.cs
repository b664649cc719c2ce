namespace Conformance.Properties;

/// <summary>The steps a cross-call sequence is made of.</summary>
public enum CrossCallOpKind
{
    /// <summary>Make CPU A the one the next calls are made on.</summary>
    Cpu,
    /// <summary><c>local_irq_disable()</c> on the current CPU (skipped while it is inside a call).</summary>
    IrqOff,
    /// <summary><c>local_irq_enable()</c> on the current CPU.</summary>
    IrqOn,
    /// <summary><c>smp_call_function_single(A, func, info, B != 0)</c>; A may be a CPU that is not online.</summary>
    CallSingle,
    /// <summary><c>smp_call_function_many(mask A, func, info, B != 0)</c>.</summary>
    CallMany,
    /// <summary><c>smp_call_function(func, info, B != 0)</c>.</summary>
    Call,
    /// <summary>Deliver the interrupts pending on CPU A, if it can take them.</summary>
    Deliver,
}
