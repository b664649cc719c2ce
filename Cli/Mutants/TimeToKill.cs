using Conformance.Catalog;

namespace Conformance.Cli.Mutants;

/// <summary>
/// One concurrency mutant's time to kill by exploration (the portfolio column) and by stress, from the
/// same matrix run: each cell's wall time from its start to the detection of its first violation (not
/// the shrinking and minimising after it), or to the end of its budget or iterations when it survived.
/// </summary>
public sealed record TimeToKill(ImplementationEntry Mutant, KillCell Explore, KillCell Stress)
{
    /// <summary>The mechanisms whose mutants are races: the pool and the cross-calls.</summary>
    public static bool IsConcurrency(Mechanism mechanism) => mechanism is Mechanism.Pool or Mechanism.CrossCall;

    /// <summary>The column names compared.</summary>
    public const string ExploreColumn = "explore";

    public const string StressColumn = "stress";

    /// <summary>
    /// Stress's time over exploration's when both killed; when only exploration killed, stress's whole
    /// time over exploration's is a lower bound (<see cref="RatioIsLowerBound"/>); null otherwise.
    /// </summary>
    public double? Ratio => Explore.Killed && !Stress.NotApplicable
        ? Time(Stress).TotalMilliseconds / Math.Max(1, Time(Explore).TotalMilliseconds)
        : null;

    /// <summary>
    /// A cell's time to kill: from its start to the detection of the first violation (shrinking and
    /// minimising after it left out); a survivor's whole cell.
    /// </summary>
    public static TimeSpan Time(KillCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Result is { } r ? r.Detected ?? r.Elapsed : TimeSpan.Zero;
    }

    /// <summary>Stress did not kill within its cell, so its true time to kill is longer than the one measured.</summary>
    public bool RatioIsLowerBound => Ratio is not null && !Stress.Killed;

    /// <summary>The concurrency mutants of <paramref name="cells"/> with both columns, in row order; empty when either column is missing.</summary>
    public static IReadOnlyList<TimeToKill> From(IReadOnlyList<ImplementationEntry> rows, IReadOnlyList<KillCell> cells)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cells);
        var result = new List<TimeToKill>();
        foreach (var row in rows.Where(r => r.IsMutant && IsConcurrency(r.Mechanism)))
        {
            var explore = cells.FirstOrDefault(c => c.Implementation == row && c.Column.Name == ExploreColumn);
            var stress = cells.FirstOrDefault(c => c.Implementation == row && c.Column.Name == StressColumn);
            if (explore is { NotApplicable: false } && stress is { NotApplicable: false })
            {
                result.Add(new TimeToKill(row, explore, stress));
            }
        }
        return result;
    }
}
