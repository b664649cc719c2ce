namespace Conformance.Backends.Threaded;

public sealed partial class ThreadedPlatform
{
    /// <summary>
    /// <see cref="Run"/> with the calling thread as CPU <paramref name="cpu"/>: for harness code, such
    /// as a benchmark, that must itself be a CPU of a live machine. The run starts now: every other CPU
    /// runs <paramref name="programs"/>[i] (missing or null: none) and then idles taking IPIs, the
    /// workers run queued work, each on its own thread, while the caller goes on as CPU
    /// <paramref name="cpu"/> (no program of its own: <paramref name="programs"/>[<paramref name="cpu"/>]
    /// must be null). Nothing bounds the waits of the run while the scope is open. Disposing the scope,
    /// on the same thread, ends the run as <see cref="Run"/> does, its time limit starting then: it takes
    /// the attached CPU's IPIs while it waits for every program to return and nothing to be pending,
    /// joins every thread and rethrows the first exception of any context. Once another context failed,
    /// the attached thread's next platform operation throws. Callable once, instead of <see cref="Run"/>.
    /// </summary>
    public IDisposable StartAttached(int cpu, IReadOnlyList<Action?>? programs = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cpu, CpuCount);
        programs ??= [];
        if (cpu < programs.Count && programs[cpu] is not null)
        {
            throw new ArgumentException($"{ContextName(cpu)} is the calling thread: it runs no program", nameof(programs));
        }
        if (Binding is not null)
        {
            throw new InvalidOperationException(
                $"this thread already is {Binding.Platform.ContextName(Binding.Context)} of a threaded machine");
        }
        Binding = new ContextBinding(this, cpu, ChaosFor(cpu));
        try
        {
            Start(programs, cpu);
        }
        catch
        {
            Binding = null;
            throw;
        }
        return new AttachedRun(this, cpu);
    }

    private sealed class AttachedRun(ThreadedPlatform platform, int cpu) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }
            if (!ReferenceEquals(Binding?.Platform, platform) || Binding.Context != cpu)
            {
                throw new InvalidOperationException("a StartAttached scope is disposed on the thread that started it");
            }
            disposed = true;
            try
            {
                platform.End(cpu);
            }
            finally
            {
                Binding = null;
            }
        }
    }
}
