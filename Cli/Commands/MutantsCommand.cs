using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Mutants;
using Conformance.Cli.Output;
using Conformance.Concurrency.Exploration;

namespace Conformance.Cli.Commands;

/// <summary>
/// <c>conformance mutants</c>: the kill matrix. Rows: every mutant of the catalog and each mechanism's
/// reference; columns: the checks. Exit 0 when every mutant is killed by at least one check and every
/// reference survives them all; 1 otherwise.
/// </summary>
public static class MutantsCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mechanism = SharedOptions.Mechanism();
        var seed = SharedOptions.Seed();
        var budget = SharedOptions.Budget();
        budget.Description = $"Time for each cell (one check on one implementation), {BudgetParser.Forms}. Default: {(int)SharedOptions.DefaultBudget.TotalSeconds}s.";
        var level = SharedOptions.Level();
        level.Description = "Iteration counts of each cell: quick, standard or thorough. Default: quick.";
        var parallel = new Option<int?>("--parallel") { Description = "Cells run at once (default: the number of cores).", HelpName = "N" };
        var json = SharedOptions.Json();
        var command = new Command("mutants", "Run every check on every mutant and on the references, and print the kill matrix with the reproduction string of each kill.")
        {
            mechanism, seed, budget, level, parallel, json,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            context.ConsoleFor(parseResult),
            parseResult.GetValue(mechanism),
            new CheckOptions(
                parseResult.GetValue(budget) ?? SharedOptions.DefaultBudget,
                parseResult.GetValue(seed) ?? CheckCommand.FreshSeed(),
                parseResult.GetValue(level) ?? CheckLevel.Quick),
            parseResult.GetValue(parallel) ?? Environment.ProcessorCount,
            parseResult.GetValue(json),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CliConsole console, Mechanism? mechanism, CheckOptions options,
        int parallelism, bool json, CancellationToken cancellationToken)
    {
        if (parallelism < 1)
        {
            throw new UsageException("--parallel takes a whole number of at least 1");
        }
        var rows = context.Catalog
            .Where(e => mechanism is null || e.Mechanism == mechanism)
            .OrderBy(e => e.Mechanism).ThenBy(e => e.IsMutant).ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        var columns = KillMatrix.Columns(context.Checks);
        if (rows.Count == 0 || columns.Count == 0)
        {
            throw new UsageException(rows.Count == 0 ? "the catalog holds no implementation to run" : "no checks are registered");
        }
        var inv = CultureInfo.InvariantCulture;
        console.Error.WriteLine(string.Create(inv,
            $"conformance mutants: {rows.Count} implementations x {columns.Count} checks, seed {options.Seed}, level {options.Level.ToString().ToLowerInvariant()}, budget {Durations.Format(options.Budget)} per cell, {parallelism} at once"));
        var done = 0;
        var progress = new Progress<KillCell>(_ =>
        {
            var n = Interlocked.Increment(ref done);
            if (n % 10 == 0)
            {
                console.Error.WriteLine(string.Create(inv, $"  ... {n} of {rows.Count * columns.Count} cells"));
            }
        });
        var wall = Stopwatch.StartNew();
        var cells = await KillMatrix.RunAsync(rows, columns, options, parallelism, progress, cancellationToken);
        wall.Stop();
        var verdict = Verdict(rows, cells);
        var undecided = cells.Where(c => c.Undecided).ToList();
        var timesToKill = TimeToKill.From(rows, cells);
        if (json)
        {
            JsonOutput.Write(console.Out, new
            {
                seed = options.Seed,
                level = options.Level.ToString().ToLowerInvariant(),
                budgetMs = (long)options.Budget.TotalMilliseconds,
                parallel = parallelism,
                cores = Environment.ProcessorCount,
                wallMs = (long)wall.Elapsed.TotalMilliseconds,
                passed = verdict.Count == 0,
                problems = verdict,
                undecided = undecided.Select(UndecidedLine).ToList(),
                cells = cells.Select(c => new
                {
                    implementation = MechanismNames.Format(c.Implementation),
                    mutant = c.Implementation.IsMutant,
                    check = c.Column.Name,
                    outcome = Outcome(c),
                    executed = c.Result?.Executed,
                    unit = c.Result?.Unit,
                    elapsedMs = c.Result is null ? (long?)null : (long)c.Result.Elapsed.TotalMilliseconds,
                    detectedMs = c.Result?.Detected is { } d ? (long)d.TotalMilliseconds : (long?)null,
                    reproduction = c.Kill?.Reproduction,
                }),
                timeToKill = timesToKill.Select(t => new
                {
                    mutant = MechanismNames.Format(t.Mutant),
                    explore = Outcome(t.Explore),
                    exploreSchedules = t.Explore.Result!.Executed,
                    exploreMs = (long)TimeToKill.Time(t.Explore).TotalMilliseconds,
                    exploreAfterKillMs = (long)AfterKill(t.Explore).TotalMilliseconds,
                    stress = Outcome(t.Stress),
                    stressRuns = t.Stress.Result!.Executed,
                    stressMs = (long)TimeToKill.Time(t.Stress).TotalMilliseconds,
                    stressOverExplore = t.Ratio is { } r ? Math.Round(r, 2) : (double?)null,
                    ratioIsLowerBound = t.RatioIsLowerBound,
                }),
            });
            return verdict.Count == 0 ? ExitCodes.Success : ExitCodes.Violation;
        }
        var table = new TableView(["implementation", "mirrors", .. columns.Select(c => c.Name)]);
        foreach (var row in rows)
        {
            table.Add([
                MechanismNames.Format(row),
                row.IsMutant ? Shorten(row.Requires is null ? row.Mirrors! : $"needs {row.Requires}") : "(reference)",
                .. columns.Select(column => CellText(cells.Single(c => c.Implementation == row && c.Column == column))),
            ]);
        }
        table.Write(console);
        console.Out.WriteLine();
        console.Out.WriteLine("Kills (one reproduction string per killed cell):");
        foreach (var cell in cells.Where(c => c.Killed))
        {
            console.Out.WriteLine($"  {MechanismNames.Format(cell.Implementation)} by {cell.Column.Name}: {cell.Kill!.Summary}");
            console.Out.WriteLine($"    conformance replay \"{cell.Kill.Reproduction}\"");
        }
        foreach (var row in rows.Where(r => r.Requires is not null && !cells.Any(c => c.Implementation == r && c.Killed)))
        {
            console.Out.WriteLine($"  {MechanismNames.Format(row)}: not exposable yet, it needs {row.Requires}, which the platform does not model");
        }
        if (undecided.Count > 0)
        {
            console.Out.WriteLine();
            console.Out.WriteLine("Undecided (no violation, but the check could not decide all it ran: neither killed nor survived):");
            foreach (var cell in undecided)
            {
                console.Out.WriteLine("  " + UndecidedLine(cell));
            }
        }
        WriteTimesToKill(console, timesToKill, options, parallelism);
        console.Out.WriteLine();
        console.Out.WriteLine(string.Create(inv,
            $"{cells.Count} cells in {Durations.Format(wall.Elapsed)} wall time, {parallelism} at once on {Environment.ProcessorCount} cores"));
        if (verdict.Count == 0)
        {
            var references = undecided.Any(c => !c.Implementation.IsMutant)
                ? "and no check found a violation in a reference (some cells undecided, listed above)"
                : "and every reference survived all of them";
            console.Out.WriteLine(string.Create(inv,
                $"every exposable mutant was killed by at least one check, {references} (seed {options.Seed})"));
            return ExitCodes.Success;
        }
        foreach (var problem in verdict)
        {
            console.Out.WriteLine(problem);
        }
        return ExitCodes.Violation;
    }

    /// <summary>What is wrong with the matrix: a mutant no check killed, or a reference a check rejected.</summary>
    private static List<string> Verdict(IReadOnlyList<ImplementationEntry> rows, IReadOnlyList<KillCell> cells)
    {
        var problems = new List<string>();
        foreach (var row in rows)
        {
            var mine = cells.Where(c => c.Implementation == row).ToList();
            if (row.IsMutant && row.Requires is null && !mine.Any(c => c.Killed))
            {
                problems.Add($"SURVIVED: mutant {MechanismNames.Format(row)} was killed by no check");
            }
            if (!row.IsMutant && mine.FirstOrDefault(c => c.Killed) is { } rejected)
            {
                problems.Add($"REJECTED: {MechanismNames.Format(row)} failed {rejected.Column.Name}: {rejected.Kill!.Summary}");
            }
        }
        return problems;
    }

    /// <summary>
    /// Exploration (portfolio) against stress on each concurrency mutant: both times come from this
    /// run's cells, so they shared the machine with the other cells running at the same time.
    /// </summary>
    private static void WriteTimesToKill(CliConsole console, IReadOnlyList<TimeToKill> times, CheckOptions options, int parallelism)
    {
        if (times.Count == 0)
        {
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        console.Out.WriteLine();
        console.Out.WriteLine(string.Create(inv,
            $"Time to kill, exploration (portfolio) vs stress, concurrency mutants, this run (budget {Durations.Format(options.Budget)} per cell, level {options.Level.ToString().ToLowerInvariant()}):"));
        var table = new TableView("mutant", "explore", "then shrink+minimise", "stress", "stress / explore");
        foreach (var t in times)
        {
            table.Add(MechanismNames.Format(t.Mutant), TimeText(t.Explore), t.Explore is { Killed: true, Result.Detected: not null } ? Durations.Format(AfterKill(t.Explore)) : t.Explore.Killed ? "-" : "", TimeText(t.Stress), RatioText(t));
        }
        table.Write(console);
        console.Out.WriteLine(string.Create(inv,
            $"Times are wall time from the cell's start to the detection of the first violation: for exploration, building the scenarios and"));
        console.Out.WriteLine(string.Create(inv,
            $"running schedules (the scenarios take turns, a batch of {ExplorationRun.BatchSize} at a time, run on all cores), not shrinking and minimising the failure"));
        console.Out.WriteLine("after it (shown apart); for stress, its runs up to the verdict of the failing one (oracles and linearizability check).");
        console.Out.WriteLine(string.Create(inv,
            $"Cells ran {parallelism} at once on {Environment.ProcessorCount} cores, each sharing the cores with the cell beside it (and with the JIT while it warms up), and"));
        console.Out.WriteLine("stress runs a thread per CPU: both are slower than alone and the ratio is indicative. A survivor's time is its whole cell");
        console.Out.WriteLine("(iterations or budget), so its ratio is a lower bound.");
    }

    private static string UndecidedLine(KillCell cell) =>
        $"{MechanismNames.Format(cell.Implementation)} by {cell.Column.Name}: {cell.Result!.Failures[0].Summary}";

    private static string TimeText(KillCell cell) => string.Create(CultureInfo.InvariantCulture,
        $"{(cell.Killed ? "killed" : cell.Undecided ? "undecided" : "survived")} {cell.Result!.Executed} {Unit(cell.Result.Unit)} {Durations.Format(TimeToKill.Time(cell))}");

    /// <summary>What the cell did after the detection: shrinking the scenario, minimising the schedule, the report.</summary>
    private static TimeSpan AfterKill(KillCell cell) =>
        cell.Result is { Detected: { } detected } r ? r.Elapsed - detected : TimeSpan.Zero;

    private static string RatioText(TimeToKill t) => t.Ratio switch
    {
        null => "- (exploration did not kill)",
        { } r when t.RatioIsLowerBound => string.Create(CultureInfo.InvariantCulture, $"> {Ratio(r)} (stress did not kill)"),
        { } r => Ratio(r),
    };

    /// <summary>Two significant digits below 10 (0.0016x, 0.49x, 1.9x), whole numbers above.</summary>
    private static string Ratio(double r) => (r >= 10
        ? r.ToString("0", CultureInfo.InvariantCulture)
        : r.ToString("G2", CultureInfo.InvariantCulture)) + "x";

    private static string Outcome(KillCell cell) => cell switch
    {
        { NotApplicable: true } => "n/a",
        { Killed: true } => "killed",
        { Undecided: true } => "unknown",
        _ => cell.Implementation.Requires is { } feature ? $"needs {feature}" : "survived",
    };

    private static string CellText(KillCell cell) => cell switch
    {
        { NotApplicable: true } => "-",
        { Killed: true } => string.Create(CultureInfo.InvariantCulture, $"killed {cell.Result!.Executed} {Unit(cell.Result.Unit)} {Durations.Format(TimeToKill.Time(cell))}"),
        { Undecided: true } => string.Create(CultureInfo.InvariantCulture, $"unknown {cell.Result!.Executed}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"survived {cell.Result!.Executed}"),
    };

    private static string Unit(string unit) => unit switch
    {
        "schedules" => "sch",
        "cases" => "cases",
        _ => unit,
    };

    private static string Shorten(string text) => text.Length <= 28 ? text : string.Concat(text.AsSpan(0, 25), "...");
}
