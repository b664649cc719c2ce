namespace Conformance.Cli.Output;

/// <summary>The checks of one command run, in the order they started, for a progress renderer to show.</summary>
public sealed class ProgressBoard
{
    private readonly object gate = new();
    private readonly List<ProgressLine> lines = [];

    /// <summary>Raised on the runner's thread when a line begins.</summary>
    public event Action<ProgressLine>? Began;

    /// <summary>Raised on the runner's thread when a line finishes.</summary>
    public event Action<ProgressLine>? Finished;

    public IReadOnlyList<ProgressLine> Lines
    {
        get
        {
            lock (gate)
            {
                return [.. lines];
            }
        }
    }

    public ProgressLine Begin(string description, TimeSpan budget, bool announce = true)
    {
        var line = new ProgressLine(description, budget, announce);
        lock (gate)
        {
            lines.Add(line);
        }
        Began?.Invoke(line);
        return line;
    }

    public void Finish(ProgressLine line, string outcome)
    {
        ArgumentNullException.ThrowIfNull(line);
        line.Finish(outcome);
        Finished?.Invoke(line);
    }
}
