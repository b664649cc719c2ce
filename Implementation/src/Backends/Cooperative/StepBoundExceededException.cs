namespace Conformance.Backends.Cooperative;

/// <summary>A run took more scheduling points than its bound: a livelock, or a bound set too low.</summary>
public sealed class StepBoundExceededException(long bound, string where)
    : Exception($"the run exceeded its bound of {bound} scheduling points (at {where}): livelock, or raise the bound");
