using Spectre.Console;

namespace Conformance.Cli.Output;

/// <summary>A live Spectre.Console progress display on stderr, one bar per check, measured against its budget.</summary>
public sealed class SpectreProgressRenderer(TextWriter error) : IProgressRenderer
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    public Task<T> RunAsync<T>(ProgressBoard board, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(work);
        return SpectreConsoles.For(error).Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<ProgressLine, ProgressTask>();
                var running = work();
                while (!running.IsCompleted)
                {
                    Sync(context, board, tasks);
                    await Task.WhenAny(running, Task.Delay(Refresh));
                }
                Sync(context, board, tasks);
                return await running;
            });
    }

    private static void Sync(ProgressContext context, ProgressBoard board, Dictionary<ProgressLine, ProgressTask> tasks)
    {
        foreach (var line in board.Lines)
        {
            if (!tasks.TryGetValue(line, out var task))
            {
                task = context.AddTask(Markup.Escape(line.Description), autoStart: true, maxValue: 1);
                tasks[line] = task;
            }
            var status = line.Outcome ?? line.Status();
            task.Description = Markup.Escape(status.Length > 0 ? $"{line.Description}: {status}" : line.Description);
            task.Value = line.Fraction;
            if (line.Outcome is not null && !task.IsFinished)
            {
                task.StopTask();
            }
        }
    }
}
