namespace Conformance.Concurrency.Programs;

/// <summary>The error numbers the cross-call contract returns, negated in results.</summary>
internal static class GenericIpiErrors
{
    /// <summary>ENXIO: the target CPU is not online.</summary>
    public const int Enxio = 6;
}
