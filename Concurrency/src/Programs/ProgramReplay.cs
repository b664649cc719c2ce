using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// Replays a <c>program:</c> reproduction string: parses and validates the program, resolves the
/// implementation (a shipped one by name, or the given type for a user's own), runs the one schedule the
/// line names and checks that it took the same decisions.
/// </summary>
public static class ProgramReplay
{
    /// <summary>The replayed iteration and its report. A malformed string is a <see cref="FormatException"/>.</summary>
    public static (IterationOutcome Outcome, string Report) Run(string line, Type? implementationType = null)
    {
        var reproduction = ProgramReproduction.Parse(line);
        var (outcome, _) = Run(reproduction, implementationType is null ? null : ImplementationCatalog.Describe(implementationType));
        var report = outcome.Failed
            ? ProgramReport.Render(outcome, reproduction)
            : $"{reproduction}: the schedule ran to the end without a violation (the implementation no longer fails this way)";
        return (outcome, report);
    }

    /// <summary>Runs a parsed line against <paramref name="implementation"/>, or the one the line names.</summary>
    public static (IterationOutcome Outcome, Scenario Scenario) Run(ProgramReproduction reproduction, ImplementationEntry? implementation)
    {
        ArgumentNullException.ThrowIfNull(reproduction);
        var (name, rules) = RuleSetNames.Split(reproduction.Implementation);
        var entry = implementation ?? ImplementationCatalog.Find(reproduction.Mechanism, name);
        var scenario = ProgramScenario.Create(reproduction.Program, entry, rules);
        return (Explorer.Replay(reproduction.ToExploration(), scenario, traceValues: true), scenario);
    }
}
