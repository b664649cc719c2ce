namespace Conformance.Stress.Specifications;

/// <summary>The events of one cross-call request a stress history records.</summary>
public enum CrossCallEventKind
{
    /// <summary>The caller's <c>smp_call_function_single/many</c> or <c>smp_call_function</c>, from call to return.</summary>
    Send,
    /// <summary>A CPU entered the request's function (recorded as the function's first action).</summary>
    Run,
    /// <summary>The request's function returned on a CPU (recorded as its last action).</summary>
    Finish,
    /// <summary>A waiting caller got control back (recorded right after the call returned).</summary>
    Complete,
}
