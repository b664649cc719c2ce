namespace Conformance.Concurrency.Exploration;

/// <summary>Where a long exploration stands, reported between batches.</summary>
public readonly record struct ExplorationProgress(string Scenario, long Iterations, TimeSpan Elapsed);
