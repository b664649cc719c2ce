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
/// region, an <see cref="AllocatorLedger"/> (the oracle of the fixed scenarios and stress, which judges
/// every allocator clause as each call returns and at quiescence), and the list of live allocations (who
/// made each) that frees take from, so a free of another CPU's allocation never races its own. Every
/// operation goes through <see cref="Step"/>. Each CPU frees what it still holds when its operations are
/// done, so at quiescence nothing may be in use.
/// </summary>
internal sealed class AllocatorProgramRun
{
    private readonly Platform platform;
    private readonly AllocatorLedger ledger;
    private readonly List<(PerCpuPtr Ptr, int Owner)> live = [];
    private int handOuts;

    private AllocatorProgramRun(ConcurrentProgram program, Type type, Platform platform, RuleSet rules)
    {
        this.platform = platform;
        var area = new PerCpuArea(platform, program.ReserveBytes, ProgramLimits.BigBytes);
        ledger = new AllocatorLedger(ImplementationFactory.CreateAllocator(type, platform, area), new RuleBook(rules));
    }

    public static ScenarioRun Build(ConcurrentProgram program, Type type, Platform platform, RuleSet rules)
    {
        var run = new AllocatorProgramRun(program, type, platform, rules);
        var programs = ProgramSteps.PerCpu(program, run.Step, run.ReleaseAll);
        return new ScenarioRun(programs, run.ledger.Quiescent, Rules: run.ledger.Rules);
    }

    private void Step(int cpu, ProgramOp op)
    {
        platform.Annotate($"{op} begins");
        switch (op.Kind)
        {
            case ProgramOpKind.Alloc:
            case ProgramOpKind.AllocBig:
                var p = ledger.Alloc(cpu, op.Size, op.Align, op.Kind == ProgramOpKind.AllocBig, (byte)(0x10 + (Interlocked.Increment(ref handOuts) % 0xE0)));
                platform.Annotate($"{op} returns {p}");
                if (p.IsZeroSize)
                {
                    ledger.FreeNoOp(cpu, p);
                }
                else if (!p.IsNull)
                {
                    lock (live)
                    {
                        live.Add((p, cpu));
                    }
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
                platform.Annotate("free_percpu(NULL)");
                ledger.FreeNoOp(cpu, PerCpuPtr.Null);
                break;
            case ProgramOpKind.FreeZeroSize:
                platform.Annotate("free_percpu(ZERO_SIZE_PTR)");
                ledger.FreeNoOp(cpu, PerCpuPtr.ZeroSize);
                break;
            default:
                throw new InvalidOperationException($"{op} is not an allocator operation");
        }
    }

    // What the CPU still holds when its operations are done.
    private void ReleaseAll(int cpu)
    {
        while (Take(cpu, own: true) is { } left)
        {
            Release(left);
        }
    }

    // The oldest live allocation made by this CPU (own) or by another; taken out of the list so no other CPU frees it.
    private (PerCpuPtr Ptr, int Owner)? Take(int cpu, bool own)
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

    // The ledger holds an allocation for the CPU that made it: a free by another CPU is on its behalf.
    private void Release((PerCpuPtr Ptr, int Owner) item)
    {
        platform.Annotate($"free_percpu({item.Ptr}) begins");
        ledger.Free(item.Owner, item.Ptr);
    }
}
