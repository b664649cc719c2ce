using Conformance.Concurrency.Controlled;

namespace Conformance.Concurrency.Exploration;

/// <summary>What one controlled run of a scenario did: its decisions and, if it failed, why.</summary>
public sealed record IterationOutcome(long Iteration, ulong Seed, Exception? Error, ScheduleTrace Trace, long Steps)
{
    public bool Failed => Error is not null;

    /// <summary>The exact strategy description of the iteration (see <c>ISchedulingStrategy.Describe</c>).</summary>
    public string Strategy { get; init; } = "";
}
