using System.Reflection;

namespace Conformance.Catalog;

/// <summary>
/// Every implementation marked with <see cref="ImplementationAttribute"/> in an assembly: the
/// references and the mutants shipped here, or a user's own.
/// </summary>
public static class ImplementationCatalog
{
    private static readonly Lazy<IReadOnlyList<ImplementationEntry>> BuiltIn = new(() => Scan(typeof(ImplementationCatalog).Assembly));

    /// <summary>The implementations shipped in this assembly, by mechanism then name.</summary>
    public static IReadOnlyList<ImplementationEntry> All => BuiltIn.Value;

    /// <summary>The implementation of <paramref name="mechanism"/> called <paramref name="name"/>.</summary>
    public static ImplementationEntry Find(Mechanism mechanism, string name) =>
        All.FirstOrDefault(e => e.Mechanism == mechanism && e.Name == name)
        ?? throw new ImplementationLoadException(
            $"no {mechanism} implementation called '{name}'; known: {string.Join(", ", All.Where(e => e.Mechanism == mechanism).Select(e => e.Name))}");

    /// <summary>The entries of an assembly (marked types only).</summary>
    public static IReadOnlyList<ImplementationEntry> Scan(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<ImplementationAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => Entry(x.Type, x.Attribute!))
            .OrderBy(e => e.Mechanism).ThenBy(e => e.IsMutant).ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>An entry for any type implementing a contract, marked or not (a user's type from <c>--type</c>).</summary>
    public static ImplementationEntry Describe(Type type)
    {
        var attribute = type.GetCustomAttribute<ImplementationAttribute>();
        return attribute is null
            ? new ImplementationEntry(type.FullName ?? type.Name, ImplementationFactory.MechanismOf(type), type, "", null)
            : Entry(type, attribute);
    }

    private static ImplementationEntry Entry(Type type, ImplementationAttribute attribute) =>
        new(attribute.Name, ImplementationFactory.MechanismOf(type), type, attribute.Description, attribute.Mirrors)
        {
            Requires = attribute.Requires,
            Rules = attribute.Rules,
            KnownDeviations = attribute.KnownDeviations,
        };
}
