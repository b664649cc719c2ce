namespace Conformance.Cli.Checks;

/// <summary>
/// What every check takes. <see cref="Seed"/> is the run's seed: a check derives every random choice
/// (each iteration's own seed included) from it, so the same options give the same run.
/// </summary>
/// <param name="Budget">Wall-clock time for this check on one implementation; a check stops starting new iterations past it.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Level">How deep to go.</param>
public sealed record CheckOptions(TimeSpan Budget, ulong Seed, CheckLevel Level);
