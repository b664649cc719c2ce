using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Checks.Adapters;

namespace Conformance.Cli.Mutants;

/// <summary>
/// Every mutant of the catalog and the references, against every check: properties, exploration with
/// the portfolio and with random, PCT and DFS alone, and stress when it is registered. Cells run in
/// parallel, each bounded by the level's iteration counts and by a budget. The suite earns trust when
/// every mutant is killed by at least one check and every reference survives them all.
/// </summary>
public static class KillMatrix
{
    /// <summary>The matrix's columns: the registered checks, exploration split by strategy.</summary>
    public static IReadOnlyList<KillColumn> Columns(CheckRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var columns = new List<KillColumn>();
        foreach (var check in registry.All)
        {
            if (check is ExploreCheck)
            {
                columns.Add(new KillColumn("explore", new ExploreCheck("portfolio", stopAtFirstFailure: true)));
                columns.Add(new KillColumn("random", new ExploreCheck("random", stopAtFirstFailure: true)));
                columns.Add(new KillColumn("pct", new ExploreCheck("pct", stopAtFirstFailure: true)));
                columns.Add(new KillColumn("dfs", new ExploreCheck("dfs-p2", stopAtFirstFailure: true)));
            }
            else
            {
                columns.Add(new KillColumn(check.Name, check));
            }
        }
        return columns;
    }

    public static async Task<IReadOnlyList<KillCell>> RunAsync(
        IReadOnlyList<ImplementationEntry> rows, IReadOnlyList<KillColumn> columns, CheckOptions options, int parallelism,
        IProgress<KillCell>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var cells = rows.SelectMany(row => columns.Select(column => (Row: row, Column: column))).ToList();
        var results = new KillCell[cells.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, cells.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var (row, column) = cells[i];
                CheckResult? result = null;
                if (column.Check.Mechanisms.Contains(row.Mechanism))
                {
                    result = await column.Check.RunAsync(row, options, new Progress<CheckProgress>(), token);
                }
                results[i] = new KillCell(row, column, result);
                progress?.Report(results[i]);
            });
        return results;
    }
}
