using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// One iteration of an allocator program: the allocator over a reserve of the program's size and a big
/// region, a <see cref="HolderLedger"/> for owner patterns, and the list of live allocations (who made
/// each) that frees take from, so a free of another CPU's allocation never races its own. Every
/// operation goes through <see cref="Step"/>. Each allocation is judged as it is handed out: placement,
/// no overlap with a live allocation, zero on every CPU; size 0 and frees of NULL and ZERO_SIZE_PTR as
/// the contract says. Each CPU frees what it still holds when its operations are done, so at quiescence
/// nothing may be in use.
/// </summary>
internal sealed class AllocatorProgramRun
{
    private readonly Platform platform;
    private readonly PerCpuArea area;
    private readonly IPerCpuAllocator allocator;
    private readonly HolderLedger holders;
    private readonly RuleBook book;
    private readonly List<(PerCpuPtr Ptr, int Size, int Owner)> live = [];
    private int handOuts;

    private AllocatorProgramRun(ConcurrentProgram program, Type type, Platform platform, RuleSet rules)
    {
        this.platform = platform;
        area = new PerCpuArea(platform, program.ReserveBytes, ProgramLimits.BigBytes);
        allocator = ImplementationFactory.CreateAllocator(type, platform, area);
        holders = new HolderLedger(area);
        book = new RuleBook(rules);
    }

    public static ScenarioRun Build(ConcurrentProgram program, Type type, Platform platform, RuleSet rules)
    {
        var run = new AllocatorProgramRun(program, type, platform, rules);
        var programs = new Action?[program.CpuCount];
        for (var cpu = 0; cpu < program.CpuCount; cpu++)
        {
            var me = cpu;
            var ops = program.Cpus[cpu];
            programs[cpu] = ops.IsEmpty ? null : () =>
            {
                foreach (var op in ops)
                {
                    run.Step(me, op);
                }
                while (run.Take(me, own: true) is { } left)
                {
                    run.Release(left);
                }
            };
        }
        return new ScenarioRun(programs, run.AtQuiescence, Rules: run.book);
    }

    private void Step(int cpu, ProgramOp op)
    {
        platform.Annotate($"{op} begins");
        switch (op.Kind)
        {
            case ProgramOpKind.Alloc:
            case ProgramOpKind.AllocBig:
                var big = op.Kind == ProgramOpKind.AllocBig;
                var p = big ? allocator.AllocBig(op.Size, op.Align) : allocator.Alloc(op.Size, op.Align);
                platform.Annotate($"{op} returns {p}");
                if (op.Size == 0 && !big)
                {
                    Judge(ContractClauses.ZeroSize, p.IsZeroSize, $"__alloc_percpu(0, {op.Align}) returned {p}, not ZERO_SIZE_PTR");
                }
                else if (!p.IsNull && !p.IsZeroSize)
                {
                    Accept(cpu, p, op, big);
                }
                break;
            case ProgramOpKind.Free:
            case ProgramOpKind.FreeOther:
                if (Take(cpu, own: op.Kind == ProgramOpKind.Free) is { } item)
                {
                    Release(item);
                }
                break;
            case ProgramOpKind.FreeNull:
                FreeNothing(PerCpuPtr.Null, "NULL");
                break;
            case ProgramOpKind.FreeZeroSize:
                FreeNothing(PerCpuPtr.ZeroSize, "ZERO_SIZE_PTR");
                break;
            default:
                throw new InvalidOperationException($"{op} is not an allocator operation");
        }
    }

    private void Accept(int cpu, PerCpuPtr p, ProgramOp op, bool big)
    {
        var (low, high) = big ? (area.ReserveBytes, area.TotalBytes) : (0, area.ReserveBytes);
        var align = Math.Max(op.Align, 4);
        Judge(ContractClauses.Placement, p.Offset % align == 0 && p.Offset >= low && p.Offset + op.Size <= high,
            $"{op} on CPU{cpu} returned {p}: not aligned to {align} or outside [{low}, {high})");
        lock (live)
        {
            var overlapping = live.FirstOrDefault(l => p.Offset < l.Ptr.Offset + l.Size && l.Ptr.Offset < p.Offset + op.Size);
            Judge(ContractClauses.Overlap, overlapping.Size == 0, $"{op} on CPU{cpu} returned {p}, which overlaps live {overlapping.Ptr} ({overlapping.Size} bytes)");
            live.Add((p, op.Size, cpu));
        }
        var dirty = Enumerable.Range(0, platform.CpuCount).FirstOrDefault(c => area.Snapshot(p, c, op.Size).Any(b => b != 0), -1);
        Judge(ContractClauses.Zeroed, dirty < 0, $"{op} on CPU{cpu} returned {p}, not zero on CPU{dirty}");
        holders.HandedOut(p, cpu, op.Size, (byte)(0x10 + (Interlocked.Increment(ref handOuts) % 0xE0)));
    }

    // The oldest live allocation made by this CPU (own) or by another; taken out of the list so no other CPU frees it.
    private (PerCpuPtr Ptr, int Size, int Owner)? Take(int cpu, bool own)
    {
        lock (live)
        {
            var index = live.FindIndex(l => (l.Owner == cpu) == own);
            if (index < 0)
            {
                return null;
            }
            var item = live[index];
            live.RemoveAt(index);
            return item;
        }
    }

    private void Release((PerCpuPtr Ptr, int Size, int Owner) item)
    {
        holders.Releasing(item.Ptr);
        platform.Annotate($"free_percpu({item.Ptr}) begins");
        allocator.Free(item.Ptr);
    }

    // An exception here fails the run as it is: free_percpu of NULL and ZERO_SIZE_PTR does nothing.
    private void FreeNothing(PerCpuPtr ptr, string name)
    {
        platform.Annotate($"free_percpu({name})");
        allocator.Free(ptr);
    }

    private void AtQuiescence()
    {
        Judge(ContractClauses.Shadow, area.LiveBytes() == 0, $"everything was freed, but {area.LiveBytes()} bytes are marked live in the shadow");
        if (allocator.BytesInUse != 0)
        {
            throw new OracleViolationException("leak", $"everything was freed, but {allocator.BytesInUse} bytes are in use");
        }
    }

    private void Judge(Clause clause, bool holds, string message)
    {
        if (book.Judge(clause, holds, message) == ClauseVerdict.Broken)
        {
            throw new OracleViolationException(clause.Id, message);
        }
    }
}
