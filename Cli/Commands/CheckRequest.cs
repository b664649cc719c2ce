using Conformance.Catalog;
using Conformance.Cli.Checks;

namespace Conformance.Cli.Commands;

/// <summary>The parsed options of one <c>conformance check</c>.</summary>
public sealed record CheckRequest(
    Mechanism? Mechanism,
    string? Impl,
    string? Type,
    ulong Seed,
    TimeSpan Budget,
    CheckLevel Level,
    IReadOnlyList<string> Only,
    bool Json,
    bool Verbose)
{
    /// <summary>The rule set every implementation is held to; null for the one each claims.</summary>
    public Contracts.RuleSet? Rules { get; init; }

    /// <summary>Hold a user's implementation to the properties' strict level too.</summary>
    public bool Strict { get; init; }
}
