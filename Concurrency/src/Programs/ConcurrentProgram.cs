using System.Collections.Immutable;
using Conformance.Catalog;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// A generated concurrent program: the operations each CPU makes, in order, against one mechanism
/// (and, for the allocator, the size of its reserve). A value: its text form (<see cref="ProgramText"/>)
/// is what reproduction strings carry. <see cref="Problem"/> says why a program cannot run soundly.
/// </summary>
public sealed record ConcurrentProgram(Mechanism Mechanism, ImmutableArray<ImmutableArray<ProgramOp>> Cpus, int ReserveBytes = ProgramLimits.DefaultReserve)
{
    public int CpuCount => Cpus.Length;

    public int OperationCount => Cpus.Sum(c => c.Length);

    public override string ToString() => ProgramText.Format(this);

    /// <summary>
    /// Why the program is out of bounds or would deadlock whatever the implementation does, or null.
    /// Hotplug steps are all made by one CPU, never on itself, each target going down then up in turn
    /// (so that CPU stays online and no step fails); single calls with interrupts disabled are made by
    /// one CPU only (two such CPUs spinning at each other would deadlock in any implementation).
    /// </summary>
    public string? Problem()
    {
        if (CpuCount is < ProgramLimits.MinCpus or > ProgramLimits.MaxCpus)
        {
            return $"a program runs on {ProgramLimits.MinCpus} to {ProgramLimits.MaxCpus} CPUs, not {CpuCount}";
        }
        if (Cpus.Any(c => c.Length > ProgramLimits.MaxOpsPerCpu))
        {
            return $"a CPU makes at most {ProgramLimits.MaxOpsPerCpu} operations";
        }
        if (Mechanism == Mechanism.Allocator && (ReserveBytes is < ProgramLimits.MinReserve or > ProgramLimits.MaxReserve || ReserveBytes % 4 != 0))
        {
            return $"the reserve is a multiple of 4 from {ProgramLimits.MinReserve} to {ProgramLimits.MaxReserve} bytes, not {ReserveBytes}";
        }
        for (var cpu = 0; cpu < CpuCount; cpu++)
        {
            foreach (var op in Cpus[cpu])
            {
                if (OpProblem(cpu, op) is { } problem)
                {
                    return $"CPU{cpu} {op}: {problem}";
                }
            }
        }
        return HotplugProblem() ?? IrqsOffProblem();
    }

    private string? OpProblem(int cpu, ProgramOp op)
    {
        if (ProgramVocabulary.MechanismOf(op.Kind) != Mechanism)
        {
            return $"not an operation of the {Mechanism.ToString().ToLowerInvariant()} mechanism";
        }
        if (op.Kind is ProgramOpKind.CallSingle or ProgramOpKind.CpuDown or ProgramOpKind.CpuUp or ProgramOpKind.PoolIpi
            && (uint)op.Target >= (uint)CpuCount)
        {
            return $"CPU{op.Target} is not one of the program's CPUs";
        }
        if (op.Kind == ProgramOpKind.CallMany && op.Mask.Bits >> CpuCount != 0)
        {
            return $"the mask names a CPU the program does not have";
        }
        if (op.IsHotplug && op.Target == cpu)
        {
            return "a CPU is taken down or up from another one";
        }
        if (op.IrqsOff && op.Kind is not (ProgramOpKind.CallSingle or ProgramOpKind.CallMany or ProgramOpKind.CallAll or ProgramOpKind.PoolAlloc))
        {
            return "only calls and pool allocations are made with interrupts disabled";
        }
        if (op.Wait && op.Kind is not (ProgramOpKind.CallSingle or ProgramOpKind.CallMany or ProgramOpKind.CallAll))
        {
            return "only calls wait";
        }
        if (op.Kind == ProgramOpKind.PoolFill && op.Size is < 0 or > ProgramLimits.MaxFillTarget)
        {
            return $"a fill target is 0 to {ProgramLimits.MaxFillTarget}";
        }
        if (op.Kind is ProgramOpKind.Alloc or ProgramOpKind.AllocBig
            && (op.Size is < 0 or > ProgramLimits.MaxSize || op.Align is < 1 or > ProgramLimits.MaxAlign || (op.Align & (op.Align - 1)) != 0))
        {
            return $"a size is 0 to {ProgramLimits.MaxSize} and an alignment a power of two up to {ProgramLimits.MaxAlign}";
        }
        return null;
    }

    private string? HotplugProblem()
    {
        var hotplugCpus = Enumerable.Range(0, CpuCount).Where(c => Cpus[c].Any(op => op.IsHotplug)).ToList();
        if (hotplugCpus.Count > 1)
        {
            return $"hotplug steps are made by one CPU (here CPU{hotplugCpus[0]} and CPU{hotplugCpus[1]})";
        }
        var down = new HashSet<int>();
        foreach (var op in hotplugCpus.SelectMany(c => Cpus[c]).Where(op => op.IsHotplug))
        {
            var wasDown = !down.Add(op.Target);
            if (op.Kind == ProgramOpKind.CpuDown && wasDown)
            {
                return $"CPU{op.Target} is taken down twice without coming up";
            }
            if (op.Kind == ProgramOpKind.CpuUp && !wasDown)
            {
                return $"CPU{op.Target} comes up without having gone down";
            }
            if (op.Kind == ProgramOpKind.CpuUp)
            {
                down.Remove(op.Target);
            }
        }
        return null;
    }

    private string? IrqsOffProblem()
    {
        var callers = Enumerable.Range(0, CpuCount)
            .Where(c => Cpus[c].Any(op => op.IrqsOff && op.Kind == ProgramOpKind.CallSingle))
            .ToList();
        return callers.Count > 1
            ? $"single calls with interrupts disabled are made by one CPU (here CPU{callers[0]} and CPU{callers[1]})"
            : null;
    }
}
