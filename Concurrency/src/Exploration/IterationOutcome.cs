using Conformance.Clauses;
using Conformance.Concurrency.Controlled;

namespace Conformance.Concurrency.Exploration;

/// <summary>What one controlled run of a scenario did: its decisions and, if it failed, why.</summary>
public sealed record IterationOutcome(long Iteration, ulong Seed, Exception? Error, ScheduleTrace Trace, long Steps)
{
    public bool Failed => Error is not null;

    /// <summary>The exact strategy description of the iteration (see <c>ISchedulingStrategy.Describe</c>).</summary>
    public string Strategy { get; init; } = "";

    /// <summary>Clauses the run held under the seed's rules but broke under the kernel's (only in a run at the seed's rules).</summary>
    public IReadOnlyList<Deviation> Deviations { get; init; } = [];
}
