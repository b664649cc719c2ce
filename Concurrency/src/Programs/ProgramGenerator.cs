using System.Collections.Immutable;
using Conformance.Catalog;
using Conformance.Smp;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// Draws programs with FsCheck: 2 to 4 CPUs, 1 to 4 operations each, from the mechanism's whole
/// vocabulary. Each operation is drawn as raw numbers and then made concrete for its CPU; a last pass
/// keeps hotplug steps on one CPU, alternating down and up, and single calls with interrupts disabled on
/// one CPU, so every drawn program satisfies <see cref="ConcurrentProgram.Problem"/>.
/// </summary>
public static class ProgramGenerator
{
    // A drawn operation before it is made concrete: which kind, and three numbers for its arguments.
    private readonly record struct Raw(int Roll, int A, int B, int C);

    private static readonly int[] Sizes = [1, 2, 4, 6, 8, 10, 16, 24, 32, 64, 100, 260];
    private static readonly int[] Aligns = [1, 2, 4, 8, 16, 32, 64];
    private static readonly int[] BigSizes = [8, 16, 64, 100, 200];

    /// <summary>The FsCheck generator of programs of <paramref name="mechanism"/>.</summary>
    public static Gen<ConcurrentProgram> For(Mechanism mechanism)
    {
        var raw = from roll in Gen.Choose(0, 99)
                  from a in Gen.Choose(0, 63)
                  from b in Gen.Choose(0, 63)
                  from c in Gen.Choose(0, 99)
                  select new Raw(roll, a, b, c);
        return from cpus in Gen.Choose(ProgramLimits.MinCpus, ProgramLimits.MaxCpus)
               from counts in Gen.Choose(1, ProgramLimits.MaxOpsPerCpu).ArrayOf(cpus)
               from ops in raw.ArrayOf(cpus * ProgramLimits.MaxOpsPerCpu)
               from reserve in Gen.Elements(64, 128, 320, 512)
               select Build(mechanism, cpus, counts, ops, reserve);
    }

    /// <summary>Program number <paramref name="index"/> of a run seeded <paramref name="seed"/>: the same for the same pair, always.</summary>
    public static ConcurrentProgram Draw(Mechanism mechanism, ulong seed, long index)
    {
        var rnd = new Rnd(Strategies.Prng.Derive(seed, index));
        return For(mechanism).Sample(ProgramLimits.MaxOpsPerCpu, rnd, 1)[0];
    }

    private static ConcurrentProgram Build(Mechanism mechanism, int cpus, int[] counts, Raw[] raws, int reserve)
    {
        var lists = Enumerable.Range(0, cpus)
            .Select(cpu => raws.Skip(cpu * ProgramLimits.MaxOpsPerCpu).Take(counts[cpu]).Select(r => Op(mechanism, cpus, cpu, r)).ToList())
            .ToList();
        Repair(lists);
        return new ConcurrentProgram(mechanism, [.. lists.Select(l => l.ToImmutableArray())], mechanism == Mechanism.Allocator ? reserve : ProgramLimits.DefaultReserve);
    }

    private static ProgramOp Op(Mechanism mechanism, int cpus, int cpu, Raw r) => mechanism switch
    {
        Mechanism.CrossCall => CrossCallOp(cpus, cpu, r),
        Mechanism.Pool => PoolOp(cpus, r),
        _ => AllocatorOp(r),
    };

    private static ProgramOp CrossCallOp(int cpus, int cpu, Raw r)
    {
        var other = (cpu + 1 + (r.A % (cpus - 1))) % cpus;
        var wait = r.B % 2 == 0;
        return r.Roll switch
        {
            < 35 => new ProgramOp(ProgramOpKind.CallSingle, Target: r.C < 15 ? cpu : other, Wait: wait, IrqsOff: r.C >= 85),
            < 65 => new ProgramOp(ProgramOpKind.CallMany, Mask: r.C switch
            {
                < 10 => CpuMask.Of(cpu),
                < 20 => CpuMask.Of(other),
                _ => new CpuMask((ulong)r.A & ((1UL << cpus) - 1)),
            }, Wait: wait, IrqsOff: r.C >= 95),
            < 77 => new ProgramOp(ProgramOpKind.CallAll, Wait: wait, IrqsOff: r.C >= 95),
            _ => new ProgramOp(r.B % 2 == 0 ? ProgramOpKind.CpuDown : ProgramOpKind.CpuUp, Target: other),
        };
    }

    private static ProgramOp PoolOp(int cpus, Raw r) => r.Roll switch
    {
        < 40 => new ProgramOp(ProgramOpKind.PoolAlloc, IrqsOff: r.C >= 85),
        < 55 => new ProgramOp(ProgramOpKind.PoolFree),
        < 70 => new ProgramOp(ProgramOpKind.PoolFill, Size: r.A % (ProgramLimits.MaxFillTarget + 1)),
        < 78 => new ProgramOp(ProgramOpKind.PoolEmpty),
        _ => new ProgramOp(ProgramOpKind.PoolIpi, Target: r.A % cpus),
    };

    private static ProgramOp AllocatorOp(Raw r) => r.Roll switch
    {
        < 45 => new ProgramOp(ProgramOpKind.Alloc, Size: r.C < 10 ? 0 : Sizes[r.A % Sizes.Length], Align: Aligns[r.B % Aligns.Length]),
        < 55 => new ProgramOp(ProgramOpKind.AllocBig, Size: BigSizes[r.A % BigSizes.Length], Align: Aligns[r.B % 3 + 2]),
        < 75 => new ProgramOp(ProgramOpKind.Free),
        < 85 => new ProgramOp(ProgramOpKind.FreeOther),
        < 92 => new ProgramOp(ProgramOpKind.FreeNull),
        _ => new ProgramOp(ProgramOpKind.FreeZeroSize),
    };

    // Hotplug steps stay with the first CPU that has one, alternating down and up per target; single
    // calls with interrupts disabled stay with the first CPU that has one.
    private static void Repair(List<List<ProgramOp>> lists)
    {
        var hotplugCpu = lists.FindIndex(l => l.Any(op => op.IsHotplug));
        var irqsOffCpu = lists.FindIndex(l => l.Any(op => op.IrqsOff && op.Kind == ProgramOpKind.CallSingle));
        var down = new HashSet<int>();
        for (var cpu = 0; cpu < lists.Count; cpu++)
        {
            var ops = lists[cpu];
            for (var i = 0; i < ops.Count; i++)
            {
                var op = ops[i];
                if (op.IsHotplug && cpu != hotplugCpu)
                {
                    ops[i] = new ProgramOp(ProgramOpKind.CallSingle, Target: op.Target);
                }
                else if (op.IsHotplug)
                {
                    var up = down.Contains(op.Target);
                    ops[i] = op with { Kind = up ? ProgramOpKind.CpuUp : ProgramOpKind.CpuDown };
                    _ = up ? down.Remove(op.Target) : down.Add(op.Target);
                }
                else if (op.IrqsOff && op.Kind == ProgramOpKind.CallSingle && cpu != irqsOffCpu)
                {
                    ops[i] = op with { IrqsOff = false };
                }
            }
        }
    }
}
