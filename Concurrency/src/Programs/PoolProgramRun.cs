using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// One iteration of a pool program: the pool over a <see cref="RecordingAllocator"/> of the reference
/// allocator, filled to its high watermark in the setup, a <see cref="HolderLedger"/> for the elements
/// handed out, and the harness's interrupt whose handler allocates from the pool on the CPU that takes it
/// (inside a fill or an empty, if that is where the CPU is). Every operation goes through <see cref="Step"/>.
/// After each one the pool's count is judged against the watermark and the largest fill target asked
/// (nr-bound); at quiescence, <see cref="PoolConservation"/>.
/// </summary>
internal sealed class PoolProgramRun
{
    private static readonly PoolParameters Parameters = ProgramLimits.Pool;

    // A vector the cross-call implementations do not use.
    private const IpiVector HarnessVector = (IpiVector)7;

    private readonly Platform platform;
    private readonly PerCpuArea area;
    private readonly RecordingAllocator allocator;
    private readonly IPercpuPool pool;
    private readonly HolderLedger holders;
    private readonly RuleBook book;
    private readonly Queue<PerCpuPtr>[] held;
    private int largestTarget = Parameters.High;
    private int handOuts;
    private int fillsInFlight;
    private int opsStarted;
    private int opsInFlight;
    private bool emptied;
    private int mostFillsAtOnce;

    private PoolProgramRun(Type type, Platform platform, RuleSet rules)
    {
        this.platform = platform;
        area = new PerCpuArea(platform, reserveBytes: 256);
        var allocatorType = ImplementationCatalog.Find(Mechanism.Allocator, "reference").Type;
        allocator = new RecordingAllocator(ImplementationFactory.CreateAllocator(allocatorType, platform, area));
        pool = ImplementationFactory.CreatePool(type, platform, allocator, Parameters);
        holders = new HolderLedger(area, allocator.IsLive);
        book = new RuleBook(rules);
        held = [.. Enumerable.Range(0, platform.CpuCount).Select(_ => new Queue<PerCpuPtr>())];
        platform.RegisterIpiHandler(HarnessVector, () => Step(platform.ThisCpu, new ProgramOp(ProgramOpKind.PoolAlloc)));
    }

    public static ScenarioRun Build(ConcurrentProgram program, Type type, Platform platform, RuleSet rules)
    {
        var run = new PoolProgramRun(type, platform, rules);
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
            };
        }
        return new ScenarioRun(programs, run.AtQuiescence, Setup: () => run.pool.Fill(0), Rules: run.book);
    }

    private void Step(int cpu, ProgramOp op)
    {
        var where = platform.InInterrupt ? " in the interrupt" : "";
        var started = Interlocked.Increment(ref opsStarted);
        var alone = Interlocked.Increment(ref opsInFlight) == 1;
        platform.Annotate($"{op}{where} begins");
        switch (op.Kind)
        {
            case ProgramOpKind.PoolAlloc:
                var flags = op.IrqsOff ? platform.LocalIrqSave() : default;
                var p = pool.Alloc();
                if (op.IrqsOff)
                {
                    platform.LocalIrqRestore(flags);
                }
                platform.Annotate($"percpu_pool_alloc{where} returns {p}");
                if (!p.IsNull)
                {
                    HandedOut(cpu, p);
                }
                break;
            case ProgramOpKind.PoolFree:
                if (held[cpu].TryDequeue(out var mine))
                {
                    holders.Releasing(mine);
                    allocator.Free(mine);
                }
                break;
            case ProgramOpKind.PoolFill:
                Interlocked.Exchange(ref largestTarget, Math.Max(Volatile.Read(ref largestTarget), op.Size == 0 ? Parameters.High : op.Size));
                var inFlight = Interlocked.Increment(ref fillsInFlight);
                Interlocked.Exchange(ref mostFillsAtOnce, Math.Max(Volatile.Read(ref mostFillsAtOnce), inFlight));
                pool.Fill(op.Size);
                Interlocked.Decrement(ref fillsInFlight);
                break;
            case ProgramOpKind.PoolEmpty:
                Volatile.Write(ref emptied, true);
                pool.Empty();
                // Judged only when no other operation ran during the whole empty (the refill work is waited for by empty itself).
                if (alone && Volatile.Read(ref opsStarted) == started)
                {
                    Judge(ContractClauses.EmptyPost, pool.Count == 0 && platform.PendingWorkCount == 0,
                        $"percpu_pool_empty returned with no concurrent user, but the pool holds {pool.Count} and {platform.PendingWorkCount} work item(s) are pending");
                }
                break;
            case ProgramOpKind.PoolIpi:
                platform.SendIpi(op.Target, HarnessVector);
                break;
            default:
                throw new InvalidOperationException($"{op} is not a pool operation");
        }
        platform.Annotate($"{op}{where} returns");
        Interlocked.Decrement(ref opsInFlight);
        JudgeBound();
    }

    private void HandedOut(int cpu, PerCpuPtr p)
    {
        var zero = Enumerable.Range(0, platform.CpuCount).All(c => area.Snapshot(p, c, Parameters.ElementSize).All(b => b == 0));
        var aligned = p.Offset % Parameters.ElementAlign == 0;
        Judge(ContractClauses.HandOutContent, zero && aligned, $"percpu_pool_alloc handed {p} to CPU{cpu} {(aligned ? "not zeroed on every CPU" : $"not aligned to {Parameters.ElementAlign}")}");
        holders.HandedOut(p, cpu, Parameters.ElementSize, (byte)(0x10 + (Interlocked.Increment(ref handOuts) % 0xE0)));
        held[cpu].Enqueue(p);
    }

    private void JudgeBound()
    {
        var count = pool.Count;
        var bound = Volatile.Read(ref largestTarget);
        // The seed's fill reads nr unlocked: each fill overlapping another (the refill work included) may add up to its target.
        var seedBound = bound * (1 + Volatile.Read(ref mostFillsAtOnce));
        Judge(ContractClauses.NrBound, count <= bound, count <= seedBound, $"the pool holds {count} elements, above the high watermark and every fill target asked ({bound})");
    }

    private void AtQuiescence()
    {
        JudgeBound();
        PoolConservation.Check(pool, allocator, holders);
        // Every work has run: a pool no empty emptied is empty only if the refill was never scheduled, or the allocator is out of space.
        var room = (allocator.Allocated - allocator.Freed + 1) * Parameters.ElementSize <= area.ReserveBytes;
        if (!Volatile.Read(ref emptied) && room)
        {
            Judge(ContractClauses.RefillLiveness, pool.Count > 0,
                $"at quiescence the pool is empty, no percpu_pool_empty ran and the allocator has room: the alloc that emptied it did not get the refill to run");
        }
    }

    private void Judge(Clause clause, bool holds, string message) => Judge(clause, holds, holds, message);

    private void Judge(Clause clause, bool holdsForKernel, bool holdsForSeed, string message)
    {
        if (book.Judge(clause, holdsForKernel, holdsForSeed, message) == ClauseVerdict.Broken)
        {
            throw new OracleViolationException(clause.Id, message);
        }
    }
}
