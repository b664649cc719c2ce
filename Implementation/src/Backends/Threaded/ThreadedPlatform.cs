using System.Runtime.CompilerServices;
using Conformance.Smp;

namespace Conformance.Backends.Threaded;

/// <summary>
/// The platform on real threads: one OS thread per CPU and one per worker, words mapped to
/// <see cref="Volatile"/> and <see cref="Interlocked"/>, spin-waits that really spin. Pending IPIs are
/// taken at scheduling points of a CPU with interrupts enabled and in its idle loop; with
/// <see cref="ThreadedOptions.Chaos"/> each scheduling point may also delay.
/// </summary>
/// <remarks>
/// Platform operations run on the machine's own threads (inside <see cref="Run"/>, or on a thread
/// made a context by <see cref="Attach"/> or <see cref="StartAttached"/>). An operation that needs the calling context (locks,
/// interrupt state, <see cref="Platform.ThisCpu"/>, waits, cancel_work_sync) called from any other
/// thread is a <see cref="PlatformViolationException"/>. A bare word or cell access from another
/// thread is not checked: it stays a plain memory access, so that the common scheduling point costs
/// one volatile read.
/// </remarks>
public sealed partial class ThreadedPlatform : Platform, IMachineDriver
{
    /// <summary>The key of <see cref="Exception.Data"/> naming the context (CPU1, worker0) a rethrown exception came from.</summary>
    public const string ContextDataKey = "Conformance.Context";

    /// <summary>The key of <see cref="Exception.Data"/> holding the chaos seed of the failed run.</summary>
    public const string ChaosSeedDataKey = "Conformance.ChaosSeed";

    [ThreadStatic]
    private static ContextBinding? binding;

    // The calling thread's binding, set and cleared together with the platform's own (BindThread), from
    // which the platform's lock and interrupt paths read the context this CurrentContext would give.
    private static ContextBinding? Binding
    {
        get => binding;
        set
        {
            binding = value;
            if (value is null)
            {
                UnbindThread();
            }
            else
            {
                value.Platform.BindThread(value.Context);
            }
        }
    }

    private readonly ThreadedOptions options;

    // 1 while a CPU may have an IPI to take (set after the pending bit, cleared before delivery).
    private readonly int[] ipiHint;

    private readonly object gate = new();
    private int attached;

    public ThreadedPlatform(int cpuCount, int workerCount = 1, ThreadedOptions? options = null)
        : base(cpuCount, workerCount)
    {
        this.options = options ?? ThreadedOptions.Default;
        this.options.Validate();
        // Point does nothing unless asked (Attend): shared accesses skip it, and the versions no one here
        // reads, until a request is made. Requests outstanding: one per CPU that may have an IPI to take,
        // one while the run is stopping, one for good when chaos is on.
        PointsOnRequest();
        if (this.options.Chaos is not null)
        {
            RequestPoints();
        }
        ipiHint = new int[cpuCount];
        waits = new object?[ContextCount];
        running = new object?[ContextCount];
        cpuWake = new ManualResetEventSlim[cpuCount];
        for (var cpu = 0; cpu < cpuCount; cpu++)
        {
            cpuWake[cpu] = new ManualResetEventSlim(false);
        }
    }

    public override string Backend => "threaded";

    /// <summary>The options this machine runs with.</summary>
    public ThreadedOptions Options => options;

    Platform IMachineDriver.Platform => this;

    public override int CurrentContext
    {
        get
        {
            var current = binding;
            if (current is not null && ReferenceEquals(current.Platform, this))
            {
                return current.Context;
            }
            throw ForeignThread();
        }
    }

    /// <summary>
    /// Makes the calling thread <paramref name="context"/> of this machine until the returned scope is
    /// disposed (on the same thread): for harness code, such as a benchmark, that calls the platform
    /// outside <see cref="Run"/>. The thread then goes through exactly the code a CPU thread of a run
    /// does (the same scheduling points, IPIs raised to it taken at its next point) but no other
    /// context runs and nothing bounds its waits. Not allowed once <see cref="Run"/> was called.
    /// </summary>
    public IDisposable Attach(int context)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(context, ContextCount);
        if (Binding is not null)
        {
            throw new InvalidOperationException(
                $"this thread already is {Binding.Platform.ContextName(Binding.Context)} of a threaded machine");
        }
        lock (gate)
        {
            if (runState != RunState.NotStarted)
            {
                throw new InvalidOperationException("Attach is for a machine that is not run: this one's Run was called");
            }
            attached++;
        }
        Binding = new ContextBinding(this, context, ChaosFor(context));
        return new AttachScope(this);
    }

    protected internal override void Point(PointKind kind, object? target)
    {
        if (PointsRequested)
        {
            Attend();
        }
    }

    protected override void OnIpiRaised(int cpu)
    {
        if (Interlocked.Exchange(ref ipiHint[cpu], 1) == 0)
        {
            RequestPoints();
        }
        cpuWake[cpu].Set();
    }

    protected override void OnWorkQueued(Work work)
    {
        if (WorkerCount > 0)
        {
            workSignal.Release();
        }
    }

    // The slow path of a scheduling point: stop, take interrupts, delay.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Attend()
    {
        var current = Binding;
        if (current is null || !ReferenceEquals(current.Platform, this))
        {
            // A word or cell touched from outside the machine (see the remarks): nothing to take or delay.
            return;
        }
        if (Volatile.Read(ref stopping) != 0)
        {
            throw new MachineStoppedException();
        }
        current.Chaos?.Delay();
        if (current.Context < CpuCount)
        {
            TakeInterrupts(current.Context);
        }
    }

    /// <summary>Runs the CPU's pending IPI handlers if it may take an interrupt here.</summary>
    private void TakeInterrupts(int cpu)
    {
        if (Volatile.Read(ref ipiHint[cpu]) == 0 || IrqsDisabledOn(cpu) || InInterruptOn(cpu))
        {
            return;
        }
        if (Interlocked.Exchange(ref ipiHint[cpu], 0) != 0)
        {
            EndPointRequest();
        }
        DeliverPendingIpis(cpu);
    }

    private ChaosDelay? ChaosFor(int context) =>
        options.Chaos is { } chaos ? new ChaosDelay(chaos, context) : null;

    private PlatformViolationException ForeignThread()
    {
        var thread = Thread.CurrentThread;
        var who = thread.Name is { } name ? $"thread '{name}'" : $"thread {Environment.CurrentManagedThreadId}";
        var what = Binding is { } other
            ? $"which is {other.Platform.ContextName(other.Context)} of another threaded machine"
            : "which is none of its CPUs or workers";
        return new PlatformViolationException(
            $"a platform operation of this threaded machine was called from {who}, {what}: " +
            "code under test runs inside Run (a CPU's program, an IPI handler or a work item)");
    }

    private sealed class AttachScope(ThreadedPlatform platform) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }
            if (!ReferenceEquals(Binding?.Platform, platform))
            {
                throw new InvalidOperationException("an Attach scope is disposed on the thread that attached");
            }
            Binding = null;
            disposed = true;
            lock (platform.gate)
            {
                platform.attached--;
            }
        }
    }
}
