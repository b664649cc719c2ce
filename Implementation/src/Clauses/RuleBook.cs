using Conformance.Contracts;

namespace Conformance.Clauses;

/// <summary>
/// The rule set one run of a check holds an implementation to, and the deviations from the kernel's
/// reading it observed when that rule set is the seed's. Every oracle judges a clause with
/// <c>Judge</c>, so what "broken" means under each rule set is decided here and only here.
/// Thread-safe: oracles of several CPUs record into one book.
/// </summary>
public sealed class RuleBook(RuleSet rules)
{
    private readonly object gate = new();
    private readonly List<Deviation> deviations = [];

    /// <summary>The kernel's rules, for checks that record no deviation (a fresh book each time).</summary>
    public static RuleBook Kernel => new(RuleSet.Kernel);

    public RuleSet Rules { get; } = rules;

    /// <summary>The deviations observed so far, first first.</summary>
    public IReadOnlyList<Deviation> Deviations
    {
        get
        {
            lock (gate)
            {
                return deviations.ToArray();
            }
        }
    }

    /// <summary>
    /// Judges one observation of <paramref name="clause"/>: <paramref name="holdsForKernel"/> under the
    /// kernel's reading, <paramref name="holdsForSeed"/> under the seed's (the same for a clause with no
    /// seed reading). A deviation is recorded with <paramref name="message"/>; the caller turns
    /// <see cref="ClauseVerdict.Broken"/> into its own kind of failure.
    /// </summary>
    public ClauseVerdict Judge(Clause clause, bool holdsForKernel, bool holdsForSeed, string message)
    {
        ArgumentNullException.ThrowIfNull(clause);
        if (holdsForKernel)
        {
            return ClauseVerdict.Holds;
        }
        if (Rules == RuleSet.Seed && clause.SeedReading is not null && holdsForSeed)
        {
            lock (gate)
            {
                deviations.Add(new Deviation(clause, message));
            }
            return ClauseVerdict.Deviates;
        }
        return ClauseVerdict.Broken;
    }

    /// <summary>Judges a clause both rule sets read alike.</summary>
    public ClauseVerdict Judge(Clause clause, bool holds, string message) => Judge(clause, holds, holds, message);
}
