using Conformance.Catalog;

namespace Conformance.Cli.Checks;

/// <summary>The checks <c>conformance check</c> runs, in name order; names are unique.</summary>
public sealed class CheckRegistry
{
    private readonly IReadOnlyList<ICheck> checks;

    public CheckRegistry(IEnumerable<ICheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        this.checks = [.. checks.OrderBy(c => c.Name, StringComparer.Ordinal)];
        var duplicate = this.checks.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"two checks are called '{duplicate.Key}'", nameof(checks));
        }
    }

    public IReadOnlyList<ICheck> All => checks;

    public bool IsEmpty => checks.Count == 0;

    /// <summary>The checks that cover <paramref name="mechanism"/>.</summary>
    public IReadOnlyList<ICheck> For(Mechanism mechanism) => [.. checks.Where(c => c.Mechanisms.Contains(mechanism))];

    /// <summary>The mechanisms no registered check covers yet.</summary>
    public IReadOnlyList<Mechanism> Uncovered() => [.. Enum.GetValues<Mechanism>().Where(m => For(m).Count == 0)];

    /// <summary>The check called <paramref name="name"/>, or null.</summary>
    public ICheck? Find(string name) => checks.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
