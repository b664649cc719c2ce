using Conformance.Catalog;
using Conformance.Contracts;
using FsCheck;

namespace Conformance.Properties;

/// <summary>
/// One mechanism's model-based property: how its scenarios are generated and shrunk, how one scenario
/// runs on an implementation beside the model, and the coverage the run is held to.
/// </summary>
internal abstract class MechanismProperty<TScenario>
    where TScenario : class
{
    public abstract Mechanism Mechanism { get; }

    /// <summary>Cases per CI run (ten times as many in a deep run).</summary>
    public abstract int DefaultMaxTest { get; }

    public abstract Gen<TScenario> Generator { get; }

    public abstract IEnumerable<TScenario> Shrink(TScenario scenario);

    public abstract CaseOutcome Run(TScenario scenario, Type implementation, ConformanceLevel level);

    /// <summary>Runs one scenario with the oracles judging clauses under <paramref name="rules"/> (where the mechanism has clauses whose readings differ).</summary>
    public virtual CaseOutcome Run(TScenario scenario, Type implementation, ConformanceLevel level, RuleSet rules) => Run(scenario, implementation, level);

    public abstract IReadOnlyList<EventMinimum> Minimums(ConformanceLevel level);

    /// <summary>The scenario as lines a person can follow.</summary>
    public abstract string Describe(TScenario scenario);
}
