namespace Conformance.Catalog;

/// <summary>One implementation of one contract: a reference, a mutant, or a user's type.</summary>
public sealed record ImplementationEntry(string Name, Mechanism Mechanism, Type Type, string Description, string? Mirrors)
{
    public bool IsMutant => Mirrors is not null;

    public override string ToString() => $"{Mechanism}/{Name}";
}
