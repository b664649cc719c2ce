using System.Diagnostics;
using Conformance.Cli.Checks;

namespace Conformance.Cli.Output;

/// <summary>One running check on the <see cref="ProgressBoard"/>; the check reports into it from any thread.</summary>
public sealed class ProgressLine : IProgress<CheckProgress>
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly object gate = new();
    private CheckProgress latest;
    private string? outcome;

    internal ProgressLine(string description, TimeSpan budget, bool announce)
    {
        Description = description;
        Budget = budget;
        Announce = announce;
    }

    public string Description { get; }

    /// <summary>Whether plain output prints a line when it starts and ends (periodic lines are printed either way).</summary>
    public bool Announce { get; }

    public TimeSpan Budget { get; }

    public TimeSpan Elapsed => clock.Elapsed;

    public CheckProgress Latest
    {
        get
        {
            lock (gate)
            {
                return latest;
            }
        }
    }

    /// <summary>Null while running; then a short word such as <c>conforms</c> or <c>VIOLATION</c>.</summary>
    public string? Outcome
    {
        get
        {
            lock (gate)
            {
                return outcome;
            }
        }
    }

    /// <summary>Elapsed time against the budget, 0 to 1 (1 once finished).</summary>
    public double Fraction => Outcome is not null ? 1 : Budget <= TimeSpan.Zero ? 0 : Math.Min(1, Elapsed / Budget);

    public void Report(CheckProgress value)
    {
        lock (gate)
        {
            latest = value;
        }
    }

    internal void Finish(string result)
    {
        lock (gate)
        {
            outcome = result;
            clock.Stop();
        }
    }

    /// <summary>"1234 cases, replaying" or "" when nothing was reported yet.</summary>
    public string Status(string unit = "done")
    {
        var now = Latest;
        var counts = now.Executed > 0 ? $"{now.Executed} {unit}" : "";
        return string.Join(", ", new[] { counts, now.Status ?? "" }.Where(s => s.Length > 0));
    }
}
