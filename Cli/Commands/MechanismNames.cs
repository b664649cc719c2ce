using Conformance.Catalog;

namespace Conformance.Cli.Commands;

/// <summary>The names users type for the mechanisms: <c>allocator</c>, <c>pool</c>, <c>crosscall</c>.</summary>
public static class MechanismNames
{
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<Mechanism>().Select(Format)];

    public static string Format(Mechanism mechanism) => mechanism.ToString().ToLowerInvariant();

    /// <summary><c>crosscall/reference</c>: how tables and messages name an implementation.</summary>
    public static string Format(ImplementationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.ToString();
    }

    public static bool TryParse(string text, out Mechanism mechanism)
    {
        foreach (var candidate in Enum.GetValues<Mechanism>())
        {
            if (string.Equals(Format(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                mechanism = candidate;
                return true;
            }
        }
        mechanism = default;
        return false;
    }
}
