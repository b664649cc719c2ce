using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Controlled;

/// <summary>
/// One scheduling decision: which context stood at a point of which kind, what was picked, and out of
/// how many enabled choices. Running is -1 for the decision that starts the run. <see cref="Index"/> is
/// the pick's position among the choices and <see cref="KeepIndex"/> the position of "the running
/// context goes on" (-1 when it could not); both are -1 in a trace parsed from text.
/// </summary>
public readonly record struct TraceStep(int Running, PointKind Kind, Choice Chosen, int Options)
{
    public int Index { get; init; } = -1;

    public int KeepIndex { get; init; } = -1;

    /// <summary>The strategy was asked: more than one choice, and not a point where the run is forced on.</summary>
    public bool Contested { get; init; }

    /// <summary>The decision switched away from, or interrupted, a context that could have gone on.</summary>
    public bool IsPreemption => KeepIndex >= 0 && Index != KeepIndex;
}
