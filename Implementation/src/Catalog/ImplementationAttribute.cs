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

    /// <summary>A deliberately broken variant the suite must reject.</summary>
    public bool IsMutant => Mirrors is not null;
}
