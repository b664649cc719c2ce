namespace Conformance.Cli.Checks;

/// <summary>One failure, already minimised by the check.</summary>
/// <param name="Summary">One line: what went wrong.</param>
/// <param name="Report">The full report (the minimal sequence, or the per-CPU interleaving table).</param>
/// <param name="Reproduction">
/// The one string that replays it: <c>&lt;prefix&gt;:&lt;details&gt;</c>, as <see cref="IReplayer"/> takes it;
/// null when no single case failed (a run whose coverage was too low), which the seed reruns.
/// </param>
public sealed record CheckFailure(string Summary, string Report, string? Reproduction);
