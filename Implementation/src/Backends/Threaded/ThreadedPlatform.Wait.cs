using System.Diagnostics;
using System.Globalization;
using Conformance.Smp;

namespace Conformance.Backends.Threaded;

public sealed partial class ThreadedPlatform
{
    // Per context: what its innermost WaitUntil waits for, for the timeout report.
    private readonly object?[] waits;

    /// <summary>
    /// Spins (<see cref="SpinWait"/>, yielding rather than sleeping) until <paramref name="condition"/>
    /// holds, taking IPIs between evaluations while the CPU has interrupts enabled. Past the run's
    /// deadline it throws a <see cref="TimeoutException"/> naming every waiting context.
    /// </summary>
    public override void WaitUntil(Func<bool> condition, object waitingFor)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(waitingFor);
        var context = CurrentContext;
        Point(PointKind.Wait, waitingFor);
        if (condition())
        {
            return;
        }
        // A handler taken while waiting may wait itself: the report names the innermost wait.
        var outer = waits[context];
        Volatile.Write(ref waits[context], waitingFor);
        try
        {
            var spinner = new SpinWait();
            while (true)
            {
                if (Volatile.Read(ref stopping) != 0)
                {
                    throw new MachineStoppedException();
                }
                if (Stopwatch.GetTimestamp() > Volatile.Read(ref deadline))
                {
                    throw TimedOut();
                }
                if (context < CpuCount)
                {
                    TakeInterrupts(context);
                }
                if (condition())
                {
                    return;
                }
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
        finally
        {
            Volatile.Write(ref waits[context], outer);
        }
    }

    /// <summary>The timeout report: who waits for what, who still runs, what is pending.</summary>
    private TimeoutException TimedOut()
    {
        var limit = options.TimeLimit.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
        return new TimeoutException($"threaded run passed its time limit of {limit} ms: {WaitReport()}");
    }

    /// <summary>Who waits for what, who still runs, what is pending.</summary>
    private string WaitReport()
    {
        var lines = new List<string>();
        for (var context = 0; context < ContextCount; context++)
        {
            if (Volatile.Read(ref waits[context]) is { } wait)
            {
                lines.Add($"{ContextName(context)} waits for {wait}");
            }
            else if (Volatile.Read(ref running[context]) is { } what)
            {
                lines.Add(context < CpuCount
                    ? $"{ContextName(context)} is running its program"
                    : $"{ContextName(context)} is running work {what}");
            }
        }
        for (var cpu = 0; cpu < CpuCount; cpu++)
        {
            if (HasPendingIpi(cpu))
            {
                var masked = IrqsDisabledOn(cpu) ? " (interrupts disabled)" : "";
                lines.Add($"{ContextName(cpu)} has IPI {string.Join(", ", PendingIpis(cpu))} pending{masked}");
            }
        }
        var pendingWork = PendingWorkCount;
        if (pendingWork > 0)
        {
            var workers = WorkerCount == 0 ? " (the machine has no worker)" : "";
            lines.Add($"{pendingWork} work item(s) pending{workers}");
        }
        if (options.Chaos is { } chaos)
        {
            lines.Add($"chaos seed {chaos.Seed}");
        }
        return lines.Count == 0 ? "no context is waiting" : string.Join("; ", lines);
    }
}
