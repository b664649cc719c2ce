using System.Globalization;
using System.Text;
using Conformance.Concurrency.Exploration;
using Conformance.Smp;

namespace Conformance.Concurrency.Reports;

/// <summary>
/// The report of an exploration failure, in reading order: what broke, how it was found, the
/// interleaving that breaks it, the state at the failure, and the one line that reproduces it.
/// </summary>
public static class FailureReport
{
    /// <summary>The environment variable through which <c>dotnet test</c> replays one reproduction string.</summary>
    public const string ReplayVariable = "CONFORMANCE_REPLAY";

    public static string Render(ExplorationResult result, int cpuCount)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Failure is not { Error: { } error } failure || result.Reproduction is not { } reproduction)
        {
            return $"{result.Scenario}: no violation in {result.Iterations} iterations ({result.Strategy})";
        }
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"VIOLATION in scenario {result.Scenario} (implementation {reproduction.Implementation})");
        sb.AppendLine(inv, $"  {Headline(error)}");
        sb.AppendLine();
        var found = result.Found ?? failure;
        sb.Append(inv, $"Found by {found.Strategy} at iteration {found.Iteration} of run seed {reproduction.Seed}, ");
        sb.AppendLine(inv, $"after {result.Iterations} iteration(s) in {result.Elapsed.TotalSeconds:0.00} s.");
        sb.AppendLine(inv, $"Schedule: {failure.Trace.Count} decisions, {failure.Trace.Preemptions} preemption(s) (as found: {found.Trace.Preemptions}).");
        sb.AppendLine();
        sb.AppendLine("Interleaving:");
        sb.Append(InterleavingTable.Render(failure.Trace, cpuCount));
        AppendStateAndReproduction(sb, error, reproduction.ToString());
        return sb.ToString();
    }

    /// <summary>The end of every failure report: the state at the failure, then the two ways to reproduce it.</summary>
    public static void AppendStateAndReproduction(StringBuilder sb, Exception? error, string reproduction)
    {
        ArgumentNullException.ThrowIfNull(sb);
        var inv = CultureInfo.InvariantCulture;
        var state = error is null ? [] : StateLines(error);
        if (state.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("State at the failure:");
            foreach (var line in state)
            {
                sb.AppendLine(inv, $"  {line}");
            }
        }
        sb.AppendLine();
        sb.AppendLine("Reproduce with:");
        sb.AppendLine(inv, $"  conformance replay \"{reproduction}\"");
        sb.AppendLine(inv, $"  {ReplayVariable}=\"{reproduction}\" dotnet test -c Release");
    }

    /// <summary>One line: the rule or the kind of failure, and its message.</summary>
    public static string Headline(Exception error) => error switch
    {
        OracleViolationException v => $"{v.Oracle}: {v.Message}",
        DeadlockException => "deadlock: no CPU can run, and not everything finished",
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    private static IReadOnlyList<string> StateLines(Exception error) => error switch
    {
        OracleViolationException v => v.State,
        DeadlockException d => d.Waits,
        _ => [],
    };
}
