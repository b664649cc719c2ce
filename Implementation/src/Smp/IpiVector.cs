namespace Conformance.Smp;

/// <summary>
/// The interrupt vectors a cross-call implementation may raise. The -v4 generic-ipi patch uses two:
/// one for the global call-function queue and one for the per-cpu single queue.
/// </summary>
public enum IpiVector
{
    /// <summary><c>CALL_FUNCTION_VECTOR</c>: runs <c>generic_smp_call_function_interrupt</c>.</summary>
    CallFunction = 0,
    /// <summary><c>CALL_FUNCTION_SINGLE_VECTOR</c>: runs <c>generic_smp_call_function_single_interrupt</c>.</summary>
    CallFunctionSingle = 1,
}
