namespace Conformance.Cli.Checks;

/// <summary>The replayers by prefix; prefixes are unique.</summary>
public sealed class ReplayRegistry
{
    private readonly IReadOnlyList<IReplayer> replayers;

    public ReplayRegistry(IEnumerable<IReplayer> replayers)
    {
        ArgumentNullException.ThrowIfNull(replayers);
        this.replayers = [.. replayers.OrderBy(r => r.Prefix, StringComparer.Ordinal)];
        var duplicate = this.replayers.GroupBy(r => r.Prefix, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"two replayers own the prefix '{duplicate.Key}'", nameof(replayers));
        }
    }

    public IReadOnlyList<IReplayer> All => replayers;

    /// <summary>
    /// Parses <paramref name="text"/> and finds the replayer of its prefix. A malformed string or an
    /// unknown prefix is a <see cref="ReproductionFormatException"/> whose message shows the forms known.
    /// </summary>
    public (IReplayer Replayer, Reproduction Reproduction) Resolve(string text)
    {
        Reproduction reproduction;
        try
        {
            reproduction = Reproduction.Parse(text);
        }
        catch (ReproductionFormatException e)
        {
            throw new ReproductionFormatException(e.Message + KnownForms());
        }
        var replayer = replayers.FirstOrDefault(r => string.Equals(r.Prefix, reproduction.Prefix, StringComparison.Ordinal))
            ?? throw new ReproductionFormatException(
                $"no check prints reproduction strings starting with '{reproduction.Prefix}:'" + KnownForms());
        return (replayer, reproduction);
    }

    /// <summary>The forms the registered replayers accept, as the tail of a message.</summary>
    public string KnownForms() => replayers.Count == 0
        ? "; no check that prints reproduction strings is registered yet"
        : "; known forms: " + string.Join(", ", replayers.Select(r => r.Form));
}
