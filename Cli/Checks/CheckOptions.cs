using Conformance.Catalog;
using Conformance.Contracts;

namespace Conformance.Cli.Checks;

/// <summary>
/// What every check takes. <see cref="Seed"/> is the run's seed: a check derives every random choice
/// (each iteration's own seed included) from it, so the same options give the same run.
/// </summary>
/// <param name="Budget">Wall-clock time for this check on one implementation; a check stops starting new iterations past it.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Level">How deep to go.</param>
/// <param name="Rules">
/// The rule set to hold every implementation to; null holds each to the one it claims (the seed's
/// references and their mutants claim <see cref="RuleSet.Seed"/>, everything else the kernel's).
/// </param>
/// <param name="Strict">
/// Hold every implementation to the strict level of the properties (the seed's exact policy) as well,
/// not only the catalog's own, which claim the seed's algorithm.
/// </param>
public sealed record CheckOptions(TimeSpan Budget, ulong Seed, CheckLevel Level, RuleSet? Rules = null, bool Strict = false)
{
    /// <summary>The rule set <paramref name="implementation"/> is held to in this run.</summary>
    public RuleSet RulesFor(ImplementationEntry implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return Rules ?? implementation.Rules;
    }
}
