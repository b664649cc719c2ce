using Conformance.Catalog;

namespace Conformance.Cli.Implementations;

/// <summary>The implementations a command runs against, and notes on what was asked for but is not there yet.</summary>
public sealed record ImplementationSelection(IReadOnlyList<ImplementationEntry> Entries, IReadOnlyList<string> Notes);
