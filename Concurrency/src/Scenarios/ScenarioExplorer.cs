using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Contracts;

namespace Conformance.Concurrency.Scenarios;

/// <summary>
/// Explores a scenario family at a size and, when it fails, shrinks the scenario first: the same
/// exploration on fewer operations, then fewer CPUs, keeping the smallest size that still fails the
/// same way. The report then shows the smallest scenario, with its own minimised schedule.
/// </summary>
public static class ScenarioExplorer
{
    public static ExplorationResult Explore(ScenarioFamily family, ImplementationEntry implementation, ExplorationOptions options,
        int? cpus = null, int? ops = null, IProgress<ExplorationProgress>? progress = null, RuleSet? rules = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(options);
        var size = (Cpus: cpus ?? family.DefaultCpus, Ops: ops ?? family.DefaultOps);
        var result = Explorer.Explore(family.Create(implementation, size.Cpus, size.Ops, rules), options, progress);
        return result.Passed ? result : Shrink(family, implementation, options, result, size.Cpus, size.Ops, rules);
    }

    /// <summary>
    /// The failure of <paramref name="found"/> (explored at <paramref name="cpus"/> and <paramref name="ops"/>)
    /// on the smallest scenario of the family that still fails the same way, with the counts and times
    /// of the exploration that found it.
    /// </summary>
    public static ExplorationResult Shrink(ScenarioFamily family, ImplementationEntry implementation, ExplorationOptions options,
        ExplorationResult found, int cpus, int ops, RuleSet? rules = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(found);
        var result = found;
        var size = (Cpus: cpus, Ops: ops);
        var signature = FailureSignature.Of(result.Failure!.Error!);
        var shrinkOptions = options with { Shard = Shard.Whole, Budget = null };
        var shrinking = true;
        while (shrinking)
        {
            shrinking = false;
            foreach (var smaller in family.Smaller(size.Cpus, size.Ops))
            {
                var attempt = Explorer.Explore(family.Create(implementation, smaller.Cpus, smaller.Ops, rules), shrinkOptions);
                if (!attempt.Passed && FailureSignature.Of(attempt.Failure!.Error!) == signature)
                {
                    // Keep the whole run's counts: the failure is what changed.
                    result = attempt with { Iterations = found.Iterations, Steps = found.Steps, Elapsed = found.Elapsed, Detected = found.Detected };
                    size = smaller;
                    shrinking = true;
                    break;
                }
            }
        }
        return result;
    }
}
