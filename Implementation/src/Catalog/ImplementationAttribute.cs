namespace Conformance.Catalog;

/// <summary>
/// Names an implementation of a contract so the catalog (and <c>conformance list</c>) finds it. A
/// mutant also gives <see cref="Mirrors"/>: the kernel commit or rule its one defect mirrors.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ImplementationAttribute(string name) : Attribute
{
    /// <summary>The name users type: <c>reference</c>, or a mutant's name such as <c>ipi-requeue-at-tail</c>.</summary>
    public string Name { get; } = name;

    /// <summary>One line: what the implementation is, or for a mutant, its defect.</summary>
    public string Description { get; init; } = "";

    /// <summary>For a mutant: the kernel commit(s) or seed rule it mirrors. Null for a correct implementation.</summary>
    public string? Mirrors { get; init; }

    /// <summary>
    /// For a mutant no check can expose yet: the platform feature its defect needs (for example
    /// <c>weak-memory</c>). The kill matrix shows it apart instead of counting it as survived.
    /// </summary>
    public string? Requires { get; init; }

    /// <summary>
    /// The rule set the implementation claims (see <see cref="Contracts.RuleSet"/>): the seed's references
    /// and their mutants claim <see cref="Contracts.RuleSet.Seed"/>; anything else is held to the kernel's.
    /// </summary>
    public Contracts.RuleSet Rules { get; init; } = Contracts.RuleSet.Kernel;

    /// <summary>
    /// The clauses (ids of the contract clause catalogue) an implementation claiming the seed's rules is
    /// known to break under the kernel's: reported with their reproductions, never as a pass or a failure.
    /// </summary>
    public string[] KnownDeviations { get; init; } = [];

    /// <summary>A deliberately broken variant the suite must reject.</summary>
    public bool IsMutant => Mirrors is not null;
}
