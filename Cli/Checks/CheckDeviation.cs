namespace Conformance.Cli.Checks;

/// <summary>
/// A clause the implementation broke under the kernel's reading while the run held it to the seed's:
/// not a violation of the run's rules, reported with the line that shows it under the kernel's.
/// </summary>
/// <param name="Clause">The clause id (see <c>conformance list clauses</c>).</param>
/// <param name="Message">What the oracle saw.</param>
/// <param name="Reproduction">The line that fails on the clause under the kernel's rules; null when the check could not make one.</param>
/// <param name="Known">Whether the implementation declares it as a known deviation.</param>
public sealed record CheckDeviation(string Clause, string Message, string? Reproduction, bool Known);
