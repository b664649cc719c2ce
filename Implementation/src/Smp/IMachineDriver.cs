namespace Conformance.Smp;

/// <summary>
/// Runs programs on a backend's CPUs. Every backend offers one, so a test written once runs on all of
/// them: the sequential backend runs the programs one after another and then drains pending IPIs and
/// work; the threaded backend runs them on real threads; the controlled backend runs one schedule.
/// </summary>
public interface IMachineDriver
{
    /// <summary>The platform the programs (and the implementations they call) run against.</summary>
    Platform Platform { get; }

    /// <summary>
    /// Runs <paramref name="programs"/>[i] on CPU i (null: the CPU only idles and takes interrupts) and
    /// returns when every program has returned and no IPI or work item is pending. An exception thrown by
    /// a program or handler is rethrown (the first one); a machine that cannot progress throws a
    /// <see cref="DeadlockException"/>; every backend bounds the run (steps or wall time) and throws
    /// <see cref="TimeoutException"/> past the bound. Callable once per platform.
    /// </summary>
    void Run(IReadOnlyList<Action?> programs);
}
