using Conformance.Clauses;
using Conformance.Concurrency.Strategies;
using Conformance.Contracts;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// A deviation from the kernel's reading of a clause that an iteration at the seed's rules recorded,
/// with the line that shows it as a failure: the same iteration run with the kernel's rules.
/// </summary>
/// <param name="Deviation">The clause and what the oracle saw.</param>
/// <param name="Reproduction">The kernel-rules line (its implementation field without <c>@seed</c>), or null when that run did not fail on the clause.</param>
public sealed record DeviationWitness(Deviation Deviation, Reproduction? Reproduction)
{
    /// <summary>
    /// One witness per clause of <paramref name="deviations"/> (clause id to the first iteration that
    /// deviated on it, as <see cref="ExplorationRun.Deviations"/> keeps them), each run again on
    /// <paramref name="kernelScenario"/>.
    /// </summary>
    public static IReadOnlyList<DeviationWitness> ReproduceAll(IEnumerable<KeyValuePair<string, IterationOutcome>> deviations, Scenario kernelScenario, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(deviations);
        return [.. deviations.Select(d => Reproduce(d.Value.Deviations.First(x => x.Clause.Id == d.Key), kernelScenario, runSeed, d.Value))];
    }

    /// <summary>
    /// Runs the iteration of <paramref name="outcome"/> (explored with run seed <paramref name="runSeed"/>)
    /// on <paramref name="kernelScenario"/>, the same scenario with the kernel's rules, and keeps its line
    /// when it fails on <paramref name="deviation"/>'s clause.
    /// </summary>
    public static DeviationWitness Reproduce(Deviation deviation, Scenario kernelScenario, ulong runSeed, IterationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(deviation);
        ArgumentNullException.ThrowIfNull(kernelScenario);
        ArgumentNullException.ThrowIfNull(outcome);
        if (kernelScenario.Rules != RuleSet.Kernel)
        {
            throw new ArgumentException("a deviation is shown by the kernel's rules", nameof(kernelScenario));
        }
        var strategy = StrategyCatalog.Create(outcome.Strategy);
        strategy.BeginIteration(outcome.Iteration, outcome.Seed);
        var kernel = Explorer.RunOnce(kernelScenario, strategy, outcome.Iteration, outcome.Seed, traceValues: false);
        var failsOnClause = kernel.Error is OracleViolationException violation && violation.Oracle == deviation.Clause.Id;
        return new DeviationWitness(deviation, failsOnClause
            ? new Reproduction(kernelScenario.Name, kernelScenario.ImplementationField, outcome.Strategy, runSeed, outcome.Iteration, kernel.Trace.Hash())
            : null);
    }
}
