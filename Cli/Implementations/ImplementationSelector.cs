using Conformance.Catalog;
using Conformance.Cli.Commands;

namespace Conformance.Cli.Implementations;

/// <summary>
/// Turns <c>--mechanism</c>, <c>--impl</c> and <c>--type</c> into implementations. With no <c>--impl</c>: the
/// reference of every chosen mechanism. With a name: that implementation in the catalog (of every
/// mechanism that has one by that name). With a path: the user's type from that assembly.
/// </summary>
public static class ImplementationSelector
{
    public const string ReferenceName = "reference";

    public static ImplementationSelection Select(
        IReadOnlyList<ImplementationEntry> catalog, Mechanism? mechanism, string? impl, string? typeName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (string.IsNullOrWhiteSpace(impl))
        {
            if (!string.IsNullOrWhiteSpace(typeName))
            {
                throw new UsageException("--type needs --impl <path.dll>: the assembly to find the type in");
            }
            return References(catalog, mechanism);
        }
        impl = impl.Trim();
        if (AssemblyImplementationLoader.LooksLikePath(impl))
        {
            var entry = AssemblyImplementationLoader.Load(impl, typeName);
            if (mechanism is { } wanted && entry.Mechanism != wanted)
            {
                throw new UsageException(
                    $"{entry.Type.FullName} implements the {MechanismNames.Format(entry.Mechanism)} contract, not {MechanismNames.Format(wanted)}");
            }
            return new ImplementationSelection([entry], []);
        }
        if (!string.IsNullOrWhiteSpace(typeName))
        {
            throw new UsageException($"--type applies to an assembly given with --impl <path.dll>; '{impl}' is an implementation name");
        }
        var named = catalog.Where(e => e.Name == impl && (mechanism is null || e.Mechanism == mechanism)).ToList();
        if (named.Count == 0)
        {
            throw new UsageException(UnknownName(catalog, mechanism, impl));
        }
        return new ImplementationSelection(named, []);
    }

    private static ImplementationSelection References(IReadOnlyList<ImplementationEntry> catalog, Mechanism? mechanism)
    {
        Mechanism[] mechanisms = mechanism is { } one ? [one] : Enum.GetValues<Mechanism>();
        var entries = new List<ImplementationEntry>();
        var notes = new List<string>();
        foreach (var m in mechanisms)
        {
            var reference = catalog.FirstOrDefault(e => e.Mechanism == m && e.Name == ReferenceName);
            if (reference is null)
            {
                notes.Add($"the catalog has no {MechanismNames.Format(m)} reference implementation yet");
            }
            else
            {
                entries.Add(reference);
            }
        }
        return new ImplementationSelection(entries, notes);
    }

    private static string UnknownName(IReadOnlyList<ImplementationEntry> catalog, Mechanism? mechanism, string impl)
    {
        var scope = mechanism is { } m ? $"{MechanismNames.Format(m)} implementation" : "implementation";
        var pool = catalog.Where(e => mechanism is null || e.Mechanism == mechanism).ToList();
        var known = pool.Count == 0
            ? "the catalog holds none yet"
            : "known: " + string.Join(", ", pool.Select(MechanismNames.Format));
        return $"no {scope} called '{impl}' ({known}); to check your own, give --impl <path.dll> --type <Full.Type.Name>";
    }
}
