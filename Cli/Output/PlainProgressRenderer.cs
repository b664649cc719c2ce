namespace Conformance.Cli.Output;

/// <summary>
/// Progress as plain lines on stderr: one when a check starts, one every <c>interval</c> for each
/// check still running, one when it ends. For logs, CI and redirected output.
/// </summary>
public sealed class PlainProgressRenderer(TextWriter error, TimeSpan interval) : IProgressRenderer
{
    private readonly object gate = new();

    public async Task<T> RunAsync<T>(ProgressBoard board, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(work);
        board.Began += OnBegan;
        board.Finished += OnFinished;
        using var timer = new Timer(_ => Tick(board), null, interval, interval);
        try
        {
            return await work();
        }
        finally
        {
            board.Began -= OnBegan;
            board.Finished -= OnFinished;
        }
    }

    private void OnBegan(ProgressLine line)
    {
        if (!line.Announce)
        {
            return;
        }
        Write(line.Budget > TimeSpan.Zero ? $"running {line.Description} (budget {Durations.Format(line.Budget)})" : $"running {line.Description}");
    }

    private void OnFinished(ProgressLine line)
    {
        if (line.Announce)
        {
            Write($"finished {line.Description}: {line.Outcome} in {Durations.Format(line.Elapsed)}");
        }
    }

    private void Tick(ProgressBoard board)
    {
        foreach (var line in board.Lines.Where(l => l.Outcome is null))
        {
            var status = line.Status();
            var of = line.Budget > TimeSpan.Zero ? " of " + Durations.Format(line.Budget) : "";
            Write($"  ... {line.Description}: {Durations.Format(line.Elapsed)}{of}{(status.Length > 0 ? ", " + status : "")}");
        }
    }

    private void Write(string text)
    {
        lock (gate)
        {
            error.WriteLine(text);
            error.Flush();
        }
    }
}
