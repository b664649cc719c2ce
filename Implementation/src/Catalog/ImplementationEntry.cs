namespace Conformance.Catalog;

/// <summary>One implementation of one contract: a reference, a mutant, or a user's type.</summary>
public sealed record ImplementationEntry(string Name, Mechanism Mechanism, Type Type, string Description, string? Mirrors)
{
    public bool IsMutant => Mirrors is not null;

    /// <summary>The platform feature a mutant needs before any check can expose it, or null.</summary>
    public string? Requires { get; init; }

    /// <summary>The rule set the implementation claims; the checks hold it to this one unless told otherwise.</summary>
    public Contracts.RuleSet Rules { get; init; } = Contracts.RuleSet.Kernel;

    /// <summary>Clause ids it is known to break under the kernel's rules (see <see cref="ImplementationAttribute.KnownDeviations"/>).</summary>
    public IReadOnlyList<string> KnownDeviations { get; init; } = [];

    /// <summary><c>crosscall/reference</c>: the mechanism as users type it, then the name.</summary>
    public override string ToString() => $"{Mechanism.ToString().ToLowerInvariant()}/{Name}";
}
