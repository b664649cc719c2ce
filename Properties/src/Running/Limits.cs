namespace Conformance.Properties;

/// <summary>Bounds on one generated case.</summary>
internal static class Limits
{
    /// <summary>
    /// Scheduling points one case may take: a sequence of 60 steps takes a few thousand, so a case past
    /// this bound is a livelock (a handler walking a corrupted list, a spin nothing can end).
    /// </summary>
    public const long StepBound = 200_000;
}
