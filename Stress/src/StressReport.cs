using System.Globalization;
using System.Text;
using Conformance.Backends.Threaded;
using Conformance.Concurrency.Exploration;
using Conformance.Stress.Checking;
using Conformance.Stress.Harness;

namespace Conformance.Stress;

/// <summary>The text of a failed or unknown stress run.</summary>
internal static class StressReport
{
    public static string Format(
        StressVerdict verdict,
        MechanismStress harness,
        Exception? failure,
        HistoryCheck check,
        TimeSpan elapsed,
        string reproduction)
    {
        var options = harness.Options;
        var culture = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(culture, $"stress {(verdict == StressVerdict.Failed ? "FAILED" : "UNKNOWN")}: {harness.Implementation} with seed {options.Seed} ");
        sb.Append(culture, $"({options.Cpus} CPUs, {options.Operations} operations, chaos {(options.Chaos ? "on" : "off")})\n");
        sb.Append(culture, $"ran {harness.OperationsDone} operation(s) in {elapsed.TotalSeconds:0.00} s, {harness.CheckpointsPassed} checkpoint(s) passed");
        if (harness.StoppedByTime)
        {
            sb.Append(culture, $" (the time budget of {options.TimeBudget.TotalSeconds:0.#} s stopped the streams early)");
        }
        sb.Append(culture, $"; recorded history: {check.Operations} operation(s)\n");

        if (failure is not null)
        {
            sb.Append('\n').Append(What(failure)).Append('\n');
            var inFlight = harness.InFlight();
            if (inFlight.Count > 0)
            {
                sb.Append("in flight when it stopped:\n");
                foreach (var line in inFlight)
                {
                    sb.Append("    ").Append(line).Append('\n');
                }
            }
        }

        sb.Append("\nlinearizability: ").Append(check.Summary).Append('\n');
        if (check.Window is not null)
        {
            sb.Append(check.Window).Append('\n');
        }
        else if (failure is not null && check.LastOperations.Count > 0)
        {
            sb.Append("the last operations to return before the failure:\n");
            foreach (var line in check.LastOperations)
            {
                sb.Append("    ").Append(line).Append('\n');
            }
        }

        sb.Append("\nreproduce: ").Append(reproduction).Append('\n');
        sb.Append("    A stress seed re-runs the same operation streams and the same chaos choices, not the same\n");
        sb.Append("    thread timing: the line may need several runs, or more operations, to fail again.\n");
        var scenarios = harness.Scenarios;
        if (scenarios.Count > 0)
        {
            sb.Append("    For a failure that replays exactly, explore the mechanism's scenarios under the controlled\n");
            sb.Append(culture, $"    scheduler: {string.Join(", ", scenarios)} (implementation '{harness.Implementation.Name}').\n");
        }
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>The broken rule's name: the oracle, the linearizability check, or the exception's type.</summary>
    public static string? FailureName(Exception? failure, HistoryCheck check) => failure switch
    {
        OracleViolationException oracle => oracle.Oracle,
        TimeoutException => "no-quiescence",
        not null => failure.GetType().Name,
        _ => check.Verdict == CheckVerdict.NotLinearizable ? "not-linearizable" : null,
    };

    private static string What(Exception failure)
    {
        var sb = new StringBuilder();
        var where = failure.Data[ThreadedPlatform.ContextDataKey] is string context ? $" on {context}" : "";
        switch (failure)
        {
            case OracleViolationException oracle:
                sb.Append(CultureInfo.InvariantCulture, $"what the oracle saw{where}: {oracle.Oracle}: {oracle.Message}");
                foreach (var line in oracle.State)
                {
                    sb.Append("\n    ").Append(line);
                }
                break;
            case TimeoutException:
                sb.Append("the machine did not get back to quiescence (a call never run, a deadlock or a livelock): ").Append(failure.Message);
                break;
            default:
                sb.Append(CultureInfo.InvariantCulture, $"the implementation threw{where}: {failure.GetType().Name}: {failure.Message}");
                break;
        }
        return sb.ToString();
    }
}
