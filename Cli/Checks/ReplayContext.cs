using Conformance.Catalog;

namespace Conformance.Cli.Checks;

/// <summary>What a replay gets besides the string.</summary>
/// <param name="Implementation">
/// The implementation given with <c>--impl</c>/<c>--type</c>, which replaces the one the string names
/// (a user's own type is not in the catalog); null to use the string's.
/// </param>
/// <param name="Progress">Where to report progress.</param>
public sealed record ReplayContext(ImplementationEntry? Implementation, IProgress<CheckProgress> Progress);
