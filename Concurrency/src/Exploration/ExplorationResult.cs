namespace Conformance.Concurrency.Exploration;

/// <summary>
/// The result of exploring a scenario: how many iterations ran, whether a strategy finished its search
/// space, and the first failure with the line that reproduces it.
/// </summary>
public sealed record ExplorationResult(string Scenario, string Strategy, long Iterations, long Steps, bool Exhausted, IterationOutcome? Failure, Reproduction? Reproduction)
{
    public bool Passed => Failure is null;
}
