using Conformance.Clauses;
using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// A small multi-CPU program explored under the controlled scheduler. <see cref="Build"/> makes fresh
/// state on the iteration's platform (it runs on the harness thread: create words, locks and
/// implementations there, but run platform operations only in the setup or the programs).
/// </summary>
public sealed record Scenario(string Name, int CpuCount, Func<Platform, ScenarioRun> Build)
{
    /// <summary>The implementation under test, as named in the catalog.</summary>
    public string Implementation { get; init; } = "-";

    /// <summary>The rule set the scenario's oracles hold the implementation to.</summary>
    public RuleSet Rules { get; init; } = RuleSet.Kernel;

    /// <summary>The implementation field of reproduction strings: the name, with <c>@seed</c> under the seed's rules.</summary>
    public string ImplementationField => RuleSetNames.Qualify(Implementation, Rules);

    public int WorkerCount { get; init; } = 1;

    /// <summary>Scheduling points one iteration may take.</summary>
    public long StepBound { get; init; } = Controlled.ControlledPlatform.DefaultStepBound;
}
