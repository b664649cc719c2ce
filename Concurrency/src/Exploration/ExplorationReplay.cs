using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Reports;
using Conformance.Concurrency.Scenarios;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// Replays an <c>explore:</c> reproduction string: resolves its scenario and implementation (a shipped
/// one by name, or the given type for a user's implementation), runs the one schedule it names, and
/// checks that it took the same decisions.
/// </summary>
public static class ExplorationReplay
{
    /// <summary>The replayed iteration and its report. A malformed string is a <see cref="FormatException"/>.</summary>
    public static (IterationOutcome Outcome, string Report) Run(string line, Type? implementationType = null)
    {
        var reproduction = Reproduction.Parse(line);
        var (family, cpus, ops) = ScenarioCatalog.Parse(reproduction.Scenario);
        var (name, rules) = RuleSetNames.Split(reproduction.Implementation);
        var implementation = implementationType is null
            ? ImplementationCatalog.Find(family.Mechanism, name)
            : ImplementationCatalog.Describe(implementationType);
        var scenario = family.Create(implementation, cpus, ops, rules);
        var outcome = Explorer.Replay(reproduction, scenario, traceValues: true);
        var result = new ExplorationResult(scenario.Name, reproduction.Strategy, 1, outcome.Steps, TimeSpan.Zero, false,
            outcome.Failed ? outcome : null, outcome.Failed ? reproduction : null);
        var report = outcome.Failed
            ? FailureReport.Render(result, scenario.CpuCount)
            : $"{line}: the schedule ran to the end without a violation (the implementation no longer fails this way)";
        return (outcome, report);
    }
}
