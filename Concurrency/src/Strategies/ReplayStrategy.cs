using Conformance.Backends.Cooperative;
using Conformance.Concurrency.Controlled;
using Conformance.Smp;

namespace Conformance.Concurrency.Strategies;

/// <summary>
/// Follows a recorded trace decision by decision and fails loudly (<see cref="ReplayDivergenceException"/>)
/// the moment the run differs from it: another context at the point, another kind of point, or a
/// recorded choice that is not enabled.
/// </summary>
public sealed class ReplayStrategy(ScheduleTrace trace) : ISchedulingStrategy
{
    private int position;

    public string Name => "replay";

    public string Describe() => Name;

    /// <summary>How many recorded decisions the run has used.</summary>
    public int Position => position;

    public bool BeginIteration(long iteration, ulong seed)
    {
        position = 0;
        return true;
    }

    public int Next(IReadOnlyList<Choice> choices, int running, PointKind kind)
    {
        if (position >= trace.Count)
        {
            throw new ReplayDivergenceException(
                $"replay diverged: the run goes on past the {trace.Count} recorded decisions (context {running} at a {kind} point)");
        }
        var step = trace.Steps[position];
        if (step.Running != running || step.Kind != kind)
        {
            throw new ReplayDivergenceException(
                $"replay diverged at decision {position}: the trace has context {step.Running} at a {step.Kind} point, the run has context {running} at a {kind} point");
        }
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] == step.Chosen)
            {
                position++;
                return i;
            }
        }
        throw new ReplayDivergenceException(
            $"replay diverged at decision {position}: the trace picks {step.Chosen}, which is not enabled (enabled: {string.Join(", ", choices)})");
    }

    /// <summary>Fails when the run ended before it used every recorded decision.</summary>
    public void CheckFinished()
    {
        if (position != trace.Count)
        {
            throw new ReplayDivergenceException(
                $"replay diverged: the run ended after {position} of the {trace.Count} recorded decisions");
        }
    }
}
