using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// One iteration of a cross-call program: the implementation and a <see cref="CallLedger"/> made fresh,
/// each CPU running its operations through <see cref="Step"/>, the one place that calls the contract and
/// the ledger. Besides the ledger's clauses it judges where func runs (func-context), the result of a
/// single call to a CPU whose state no hotplug step changed during the call (enxio), and the refusal of
/// call_many and smp_call_function with interrupts disabled (irqs-off-rejected).
/// </summary>
internal sealed class CrossCallProgramRun
{
    private readonly Platform platform;
    private readonly ICrossCall ipi;
    private readonly RuleBook book;
    private readonly CallLedger ledger;

    // Per CPU: bumped before and after each hotplug step on it, so a caller sees whether one overlapped its call.
    private readonly int[] hotplugChanges;

    private CrossCallProgramRun(Type type, Platform platform, RuleSet rules)
    {
        this.platform = platform;
        ipi = ImplementationFactory.CreateCrossCall(type, platform);
        book = new RuleBook(rules);
        ledger = new CallLedger(platform, book);
        hotplugChanges = new int[platform.CpuCount];
    }

    public static ScenarioRun Build(ConcurrentProgram program, Type type, Platform platform, RuleSet rules)
    {
        var run = new CrossCallProgramRun(type, platform, rules);
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
        return new ScenarioRun(programs, run.ledger.CheckAllRan, Explain: run.ledger.Explain, Rules: run.book);
    }

    private void Step(int cpu, ProgramOp op)
    {
        switch (op.Kind)
        {
            case ProgramOpKind.CpuDown:
                Hotplug(op.Target, () => ledger.CpuDown(op.Target));
                return;
            case ProgramOpKind.CpuUp:
                Hotplug(op.Target, () => ledger.CpuUp(op.Target));
                return;
        }
        var refused = op.IrqsOff && op.Kind != ProgramOpKind.CallSingle;
        var targets = refused ? CpuMask.Empty : op.Kind switch
        {
            ProgramOpKind.CallSingle => CpuMask.Of(op.Target),
            ProgramOpKind.CallMany => op.Mask.Without(cpu),
            _ => CpuMask.All(platform.CpuCount).Without(cpu),
        };
        var request = ledger.Issue(cpu, targets, op.Wait && !refused, op.ToString());
        var changes = Volatile.Read(ref hotplugChanges[op.Target]);
        var wasOnline = platform.OnlineMask.Contains(op.Target);
        platform.Annotate($"{op} R{request.Id} begins");
        var flags = op.IrqsOff ? platform.LocalIrqSave() : default;
        int result;
        try
        {
            result = op.Kind switch
            {
                ProgramOpKind.CallSingle => ipi.CallSingle(op.Target, Func, request, op.Wait),
                ProgramOpKind.CallMany => Many(op.Mask, request, op.Wait),
                _ => ipi.Call(Func, request, op.Wait),
            };
        }
        catch (PlatformViolationException) when (refused)
        {
            platform.LocalIrqRestore(flags);
            platform.Annotate($"{op} R{request.Id} refused");
            ledger.Returned(request);
            return;
        }
        if (op.IrqsOff)
        {
            platform.LocalIrqRestore(flags);
        }
        platform.Annotate($"{op} R{request.Id} returns {result}");
        Judge(ContractClauses.IrqsOffRejected, !refused, $"{request.Description} with interrupts disabled returned {result} instead of being refused");
        var expected = op.Kind != ProgramOpKind.CallSingle || op.Target == cpu ? 0
            : changes % 2 == 0 && changes == Volatile.Read(ref hotplugChanges[op.Target]) ? (wasOnline ? 0 : -GenericIpiErrors.Enxio)
            : (int?)null;
        var allowed = expected is { } e ? result == e : result is 0 or -GenericIpiErrors.Enxio;
        Judge(ContractClauses.Enxio, allowed, $"{request.Description} returned {result}{(expected is { } x ? $", expected {x}" : "")}");
        ledger.Returned(request);
    }

    private int Many(CpuMask mask, CallRequest request, bool wait)
    {
        ipi.CallMany(mask, Func, request, wait);
        return 0;
    }

    private void Hotplug(int cpu, Action step)
    {
        Interlocked.Increment(ref hotplugChanges[cpu]);
        step();
        Interlocked.Increment(ref hotplugChanges[cpu]);
    }

    // The ledger's func, then where it ran: a remote target in an interrupt with interrupts off, a local call with them off.
    private void Func(object? info)
    {
        ledger.Func(info);
        var cpu = platform.ThisCpu;
        var local = info is CallRequest request && request.Caller == cpu;
        var holds = platform.IrqsDisabled && (local || platform.InInterrupt);
        Judge(ContractClauses.FuncContext, holds,
            $"CPU{cpu} ran {info} {(platform.InInterrupt ? "in" : "outside")} interrupt context with interrupts {(platform.IrqsDisabled ? "disabled" : "enabled")}");
    }

    private void Judge(Clause clause, bool holds, string message)
    {
        if (book.Judge(clause, holds, message) == ClauseVerdict.Broken)
        {
            throw new OracleViolationException(clause.Id, message);
        }
    }
}
