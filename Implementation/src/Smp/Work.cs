namespace Conformance.Smp;

/// <summary>
/// A kernel <c>work_struct</c>: a function run later by a worker, in process context (it may wait;
/// it is not on any CPU's interrupt path). Made by <see cref="Platform.NewWork"/>.
/// </summary>
public sealed class Work
{
    private readonly Platform platform;

    internal Work(Platform platform, string name, Action function)
    {
        this.platform = platform;
        Name = name;
        Function = function;
        Pending = platform.NewWord(name + ".pending");
        Running = platform.NewWord(name + ".running");
    }

    public string Name { get; }

    /// <summary>The platform whose workers run it.</summary>
    internal Platform Owner => platform;

    internal Action Function { get; }

    /// <summary>1 while queued and not yet started (WORK_STRUCT_PENDING).</summary>
    internal Word Pending { get; }

    /// <summary>1 while a worker runs the function.</summary>
    internal Word Running { get; }

    /// <summary><c>schedule_work</c>: queues the work; false when it was already pending.</summary>
    public bool Schedule() => platform.ScheduleWork(this);

    /// <summary>
    /// <c>cancel_work_sync</c>: removes the work from the queue and waits for a running instance to
    /// finish; true when it was pending. Process context only.
    /// </summary>
    public bool CancelSync() => platform.CancelWorkSync(this);

    /// <summary>Whether the work is queued and not started. Not a scheduling point.</summary>
    public bool IsPending => Pending.Peek() != 0;

    /// <summary>Whether a worker is running it now. Not a scheduling point.</summary>
    public bool IsRunning => Running.Peek() != 0;

    public override string ToString() => Name;
}
