using System.Collections.Immutable;
using Conformance.Smp;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// The smaller programs to try in place of a failing one, in FsCheck's order (largest cut first): drop
/// a CPU (renumbering the ones above it), drop one operation, then make one operation simpler (no wait,
/// interrupts on, a smaller mask, size or target, a plain free, a plain allocation). Only programs that
/// can run (<see cref="ConcurrentProgram.Problem"/>) are offered.
/// </summary>
public static class ProgramShrinker
{
    public static IEnumerable<ConcurrentProgram> Candidates(ConcurrentProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return DropCpus(program).Concat(DropOps(program)).Concat(SimplerOps(program))
            .Where(p => p.Problem() is null);
    }

    private static IEnumerable<ConcurrentProgram> DropCpus(ConcurrentProgram program)
    {
        for (var gone = program.CpuCount - 1; gone >= 0 && program.CpuCount > ProgramLimits.MinCpus; gone--)
        {
            var cpus = ImmutableArray.CreateBuilder<ImmutableArray<ProgramOp>>();
            for (var cpu = 0; cpu < program.CpuCount; cpu++)
            {
                if (cpu != gone)
                {
                    cpus.Add([.. program.Cpus[cpu].Select(op => Renumber(op, gone)).OfType<ProgramOp>()]);
                }
            }
            yield return program with { Cpus = cpus.ToImmutable() };
        }
    }

    // The operation once CPU gone is removed: targets above it move down; one aimed at it goes.
    private static ProgramOp? Renumber(ProgramOp op, int gone)
    {
        if (op.Kind == ProgramOpKind.CallMany)
        {
            var low = op.Mask.Bits & ((1UL << gone) - 1);
            var high = (op.Mask.Bits >> (gone + 1)) << gone;
            return op with { Mask = new CpuMask(low | high) };
        }
        var targeted = op.Kind is ProgramOpKind.CallSingle or ProgramOpKind.CpuDown or ProgramOpKind.CpuUp or ProgramOpKind.PoolIpi;
        if (!targeted)
        {
            return op;
        }
        return op.Target == gone ? null : op with { Target = op.Target > gone ? op.Target - 1 : op.Target };
    }

    private static IEnumerable<ConcurrentProgram> DropOps(ConcurrentProgram program)
    {
        for (var cpu = 0; cpu < program.CpuCount; cpu++)
        {
            for (var i = 0; i < program.Cpus[cpu].Length; i++)
            {
                yield return program with { Cpus = program.Cpus.SetItem(cpu, program.Cpus[cpu].RemoveAt(i)) };
            }
        }
    }

    private static IEnumerable<ConcurrentProgram> SimplerOps(ConcurrentProgram program)
    {
        for (var cpu = 0; cpu < program.CpuCount; cpu++)
        {
            for (var i = 0; i < program.Cpus[cpu].Length; i++)
            {
                foreach (var simpler in Simpler(program.Cpus[cpu][i]))
                {
                    yield return program with { Cpus = program.Cpus.SetItem(cpu, program.Cpus[cpu].SetItem(i, simpler)) };
                }
            }
        }
        if (program.ReserveBytes > ProgramLimits.DefaultReserve)
        {
            yield return program with { ReserveBytes = ProgramLimits.DefaultReserve };
        }
    }

    private static IEnumerable<ProgramOp> Simpler(ProgramOp op)
    {
        if (op.Wait)
        {
            yield return op with { Wait = false };
        }
        if (op.IrqsOff)
        {
            yield return op with { IrqsOff = false };
        }
        switch (op.Kind)
        {
            case ProgramOpKind.CallMany when op.Mask.Count > 1:
                foreach (var cpu in op.Mask.Cpus())
                {
                    yield return op with { Mask = op.Mask.Without(cpu) };
                }
                break;
            case ProgramOpKind.PoolFill when op.Size != 0:
                yield return op with { Size = 0 };
                break;
            case ProgramOpKind.Alloc or ProgramOpKind.AllocBig when op.Size > 4 || op.Align > 1:
                if (op.Kind == ProgramOpKind.AllocBig)
                {
                    yield return op with { Kind = ProgramOpKind.Alloc };
                }
                if (op.Size > 4)
                {
                    yield return op with { Size = op.Size / 2 };
                }
                if (op.Align > 1)
                {
                    yield return op with { Align = op.Align / 2 };
                }
                break;
            case ProgramOpKind.FreeOther:
                yield return op with { Kind = ProgramOpKind.Free };
                break;
        }
    }
}
