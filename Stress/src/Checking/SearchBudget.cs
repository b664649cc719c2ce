using System.Diagnostics;
using System.Globalization;

namespace Conformance.Stress.Checking;

/// <summary>The steps and the deadline a check may still spend; once spent, the check answers Unknown.</summary>
internal sealed class SearchBudget
{
    private readonly long maxSteps;
    private readonly long deadline;
    private readonly TimeSpan timeLimit;

    public SearchBudget(CheckLimits limits)
    {
        maxSteps = limits.MaxSteps;
        timeLimit = limits.TimeLimit;
        var ticks = limits.TimeLimit.TotalSeconds * Stopwatch.Frequency;
        var now = Stopwatch.GetTimestamp();
        deadline = ticks >= long.MaxValue - now ? long.MaxValue : now + (long)ticks;
    }

    public long Steps { get; private set; }

    /// <summary>Why the budget ran out; null while it lasts.</summary>
    public string? Exhausted { get; private set; }

    /// <summary>Spends one step: false once the budget is gone.</summary>
    public bool Step()
    {
        if (Exhausted is not null)
        {
            return false;
        }
        Steps++;
        if (Steps > maxSteps)
        {
            Exhausted = string.Create(CultureInfo.InvariantCulture, $"the step cap of {maxSteps} search steps was reached");
            return false;
        }
        if ((Steps & 1023) == 0 && Stopwatch.GetTimestamp() > deadline)
        {
            Exhausted = string.Create(CultureInfo.InvariantCulture, $"the time cap of {timeLimit.TotalSeconds:0.###} s was reached");
            return false;
        }
        return true;
    }
}
