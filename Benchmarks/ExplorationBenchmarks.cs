using BenchmarkDotNet.Attributes;
using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Scenarios;

namespace Conformance.Benchmarks;

/// <summary>
/// Exploration throughput: one invocation explores a scenario against the reference for a fixed number
/// of schedules, on all cores, so the figure per operation is the time per schedule (its inverse is
/// schedules per second). Scheduling points per schedule are printed by <c>conformance explore</c>.
/// </summary>
public class ExplorationBenchmarks
{
    private const int Schedules = 256;

    private Scenario scenario = null!;

    [Params("csd-lock-two-senders(3,2)", "requeue-at-head(3,2)", "pool-refill(2,2)", "alloc-free(2,3)")]
    public string Scenario { get; set; } = "";

    [Params("random", "pct", "portfolio")]
    public string Strategy { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (family, _, _) = ScenarioCatalog.Parse(Scenario);
        scenario = ScenarioCatalog.Create(Scenario, ImplementationCatalog.Find(family.Mechanism, "reference"));
    }

    [Benchmark(OperationsPerInvoke = Schedules)]
    public long Explore()
    {
        var result = Explorer.Explore(scenario, new ExplorationOptions { Strategy = Strategy, Seed = 1, Iterations = Schedules });
        return result.Passed ? result.Steps : throw new InvalidOperationException(result.Failure!.Error!.Message);
    }
}
