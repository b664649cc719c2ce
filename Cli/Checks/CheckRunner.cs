using System.Diagnostics;
using Conformance.Catalog;
using Conformance.Cli.Commands;
using Conformance.Cli.Output;

namespace Conformance.Cli.Checks;

/// <summary>
/// Runs each applicable check on each implementation, one after another, with a line on the progress
/// board for each. A check that crashes is recorded and the others still run; an implementation that
/// cannot be constructed (<see cref="ImplementationLoadException"/>) and cancellation stop the run.
/// </summary>
public static class CheckRunner
{
    public static async Task<IReadOnlyList<CheckRun>> RunAsync(
        IReadOnlyList<ImplementationEntry> implementations,
        IReadOnlyList<ICheck> checks,
        CheckOptions options,
        ProgressBoard board,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(implementations);
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(board);
        var runs = new List<CheckRun>();
        foreach (var implementation in implementations)
        {
            foreach (var check in checks.Where(c => c.Mechanisms.Contains(implementation.Mechanism)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = board.Begin($"{check.Name} on {MechanismNames.Format(implementation)}", options.Budget);
                var clock = Stopwatch.StartNew();
                CheckRun run;
                try
                {
                    // Checks are CPU-bound and may block: keep them off the caller's thread so progress renders.
                    var result = await Task.Run(() => check.RunAsync(implementation, options, line, cancellationToken), cancellationToken);
                    run = new CheckRun(implementation, check, result, null);
                }
                catch (Exception e) when (e is ImplementationLoadException or OperationCanceledException)
                {
                    board.Finish(line, "stopped");
                    throw;
                }
                catch (Exception e)
                {
                    run = new CheckRun(implementation, check, null, e);
                }
                board.Finish(line, Outcome(run, clock.Elapsed));
                runs.Add(run);
            }
        }
        return runs;
    }

    /// <summary>
    /// The word tables and progress show: <c>conforms</c>, <c>VIOLATION</c>, <c>UNKNOWN</c> or <c>error</c>;
    /// a run at the seed's rules that saw a clause broken under the kernel's reading says <c>deviates</c>
    /// (conforms to the seed's rules, not to the kernel's: neither a pass nor a violation).
    /// </summary>
    public static string Verdict(CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Crashed ? "error" : run.IsViolation ? "VIOLATION" : run.IsUnknown ? "UNKNOWN" : run.Deviates ? "deviates" : "conforms";
    }

    private static string Outcome(CheckRun run, TimeSpan elapsed) => run.Result is { } r
        ? $"{Verdict(run)} ({r.Executed} {r.Unit})"
        : $"error after {Durations.Format(elapsed)}";
}
