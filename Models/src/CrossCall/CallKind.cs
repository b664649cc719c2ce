namespace Conformance.Models;

/// <summary>Which entry point a cross-call came through.</summary>
public enum CallKind
{
    /// <summary><c>smp_call_function_single</c>.</summary>
    Single,
    /// <summary><c>smp_call_function_many</c>.</summary>
    Many,
    /// <summary><c>smp_call_function</c>: every other online CPU.</summary>
    All,
}
