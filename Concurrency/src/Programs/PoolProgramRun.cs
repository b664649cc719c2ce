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
/// allocator, filled to its high watermark in the setup, and the harness's interrupt whose handler
/// allocates from the pool on the CPU that takes it (inside a fill or an empty, if that is where the CPU
/// is). Every operation goes through <see cref="Step"/>, and every clause is judged by the same
/// <see cref="PoolOracle"/> the fixed scenarios and stress use.
/// </summary>
internal sealed class PoolProgramRun
{
    private static readonly PoolParameters Parameters = ProgramLimits.Pool;

    // A vector the cross-call implementations do not use.
    private const IpiVector HarnessVector = (IpiVector)7;

    private readonly Platform platform;
    private readonly IPercpuPool pool;
    private readonly PoolOracle oracle;
    private readonly Queue<PerCpuPtr>[] held;
    private int handOuts;

    private PoolProgramRun(Type type, Platform platform, RuleSet rules)
    {
        this.platform = platform;
        var area = new PerCpuArea(platform, reserveBytes: 256);
        var allocatorType = ImplementationCatalog.Find(Mechanism.Allocator, "reference").Type;
        var allocator = new RecordingAllocator(ImplementationFactory.CreateAllocator(allocatorType, platform, area));
        pool = ImplementationFactory.CreatePool(type, platform, allocator, Parameters);
        oracle = new PoolOracle(platform, pool, allocator, new RuleBook(rules));
        held = [.. Enumerable.Range(0, platform.CpuCount).Select(_ => new Queue<PerCpuPtr>())];
        platform.RegisterIpiHandler(HarnessVector, () => Step(platform.ThisCpu, new ProgramOp(ProgramOpKind.PoolAlloc)));
    }

    public static ScenarioRun Build(ConcurrentProgram program, Type type, Platform platform, RuleSet rules)
    {
        var run = new PoolProgramRun(type, platform, rules);
        var programs = ProgramSteps.PerCpu(program, run.Step);
        return new ScenarioRun(programs, run.oracle.AtQuiescence, Setup: () => run.Fill(0), Rules: run.oracle.Rules);
    }

    private void Step(int cpu, ProgramOp op)
    {
        var where = platform.InInterrupt ? " in the interrupt" : "";
        platform.Annotate($"{op}{where} begins");
        switch (op.Kind)
        {
            case ProgramOpKind.PoolAlloc:
                var flags = op.IrqsOff ? platform.LocalIrqSave() : default;
                oracle.AllocBegins();
                var p = pool.Alloc();
                if (op.IrqsOff)
                {
                    platform.LocalIrqRestore(flags);
                }
                platform.Annotate($"percpu_pool_alloc{where} returns {p}");
                oracle.AllocReturned(p, cpu, (byte)(0x10 + (Interlocked.Increment(ref handOuts) % 0xE0)));
                if (!p.IsNull)
                {
                    held[cpu].Enqueue(p);
                }
                break;
            case ProgramOpKind.PoolFree:
                if (held[cpu].TryDequeue(out var mine))
                {
                    oracle.Release(mine);
                }
                break;
            case ProgramOpKind.PoolFill:
                Fill(op.Size);
                break;
            case ProgramOpKind.PoolEmpty:
                var token = oracle.EmptyBegins();
                pool.Empty();
                oracle.EmptyReturned(token);
                break;
            case ProgramOpKind.PoolIpi:
                platform.SendIpi(op.Target, HarnessVector);
                break;
            default:
                throw new InvalidOperationException($"{op} is not a pool operation");
        }
        platform.Annotate($"{op}{where} returns");
    }

    private void Fill(int target)
    {
        oracle.FillBegins(target);
        pool.Fill(target);
        oracle.FillReturned();
    }
}
