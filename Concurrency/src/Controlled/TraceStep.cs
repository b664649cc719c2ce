using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Controlled;

/// <summary>
/// One scheduling decision: which context stood at a point of which kind, what was picked, and out of
/// how many enabled choices. Running is -1 for the decision that starts the run.
/// </summary>
public readonly record struct TraceStep(int Running, PointKind Kind, Choice Chosen, int Options);
