using Conformance.Concurrency.Strategies;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// Makes a failing schedule easier to read by finding one with fewer preemptions that fails the same
/// way. First it searches all schedules with 0, 1, 2... preemptions (a depth-first search per bound,
/// as Lincheck orders interleavings by their number of switches), so a simple bug is shown with the
/// fewest switches that produce it; when the search budget runs out it falls back to taking the found
/// schedule's preemptions out one at a time while the failure stays.
/// </summary>
public static class ScheduleMinimiser
{
    /// <summary>The minimised failing run and the guided description that replays it exactly.</summary>
    public static (IterationOutcome Outcome, string Strategy) Minimise(Scenario scenario, IterationOutcome failure, int maxRuns = 2000)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(failure);
        var signature = FailureSignature.Of(failure.Error ?? throw new ArgumentException("the outcome did not fail", nameof(failure)));
        var runs = 0;
        var best = SearchByBound(scenario, failure, signature, maxRuns / 2, ref runs) ?? failure;
        best = TakeOutPreemptions(scenario, best, signature, maxRuns, ref runs);
        var description = new GuidedStrategy("guided", best.Trace.GuidedPath()).Describe();
        return (best with { Strategy = description }, description);
    }

    private static IterationOutcome? SearchByBound(Scenario scenario, IterationOutcome failure, string signature, int budget, ref int runs)
    {
        for (var bound = 0; bound < failure.Trace.Preemptions; bound++)
        {
            var dfs = new DfsStrategy(bound);
            while (runs < budget && dfs.BeginIteration(failure.Iteration, failure.Seed))
            {
                runs++;
                var outcome = Explorer.RunOnce(scenario, dfs, failure.Iteration, failure.Seed, traceValues: false);
                if (outcome.Error is { } error && FailureSignature.Of(error) == signature)
                {
                    return outcome;
                }
            }
            if (runs >= budget)
            {
                return null;
            }
        }
        return null;
    }

    private static IterationOutcome TakeOutPreemptions(Scenario scenario, IterationOutcome best, string signature, int budget, ref int runs)
    {
        var improved = true;
        while (improved && runs < budget)
        {
            improved = false;
            var path = best.Trace.GuidedPath();
            foreach (var decision in PreemptiveDecisions(best))
            {
                if (runs++ >= budget)
                {
                    break;
                }
                var shorter = path.Where(p => p.Key != decision).ToDictionary(p => p.Key, p => p.Value);
                var strategy = new GuidedStrategy("guided", shorter, lenient: true);
                strategy.BeginIteration(best.Iteration, best.Seed);
                var candidate = Explorer.RunOnce(scenario, strategy, best.Iteration, best.Seed, traceValues: false);
                if (candidate.Error is { } error && FailureSignature.Of(error) == signature
                    && candidate.Trace.Preemptions < best.Trace.Preemptions)
                {
                    best = candidate;
                    improved = true;
                    break;
                }
            }
        }
        return best;
    }

    private static List<int> PreemptiveDecisions(IterationOutcome outcome)
    {
        var decisions = new List<int>();
        var contested = 0;
        foreach (var step in outcome.Trace.Steps.Where(s => s.Contested))
        {
            if (step.IsPreemption)
            {
                decisions.Add(contested);
            }
            contested++;
        }
        // Later preemptions first: taking out an early one changes everything after it.
        decisions.Reverse();
        return decisions;
    }
}
