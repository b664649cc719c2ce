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
    bool Verbose);
