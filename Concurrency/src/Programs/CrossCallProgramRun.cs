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
/// the ledger. The ledger judges every clause it judges in the fixed scenarios (each request's own func
/// judges where it runs; the result is judged on return, hotplug steps going through the ledger); this
/// run adds only the refusal of call_many and smp_call_function with interrupts disabled
/// (irqs-off-rejected), which no fixed scenario makes.
/// </summary>
internal sealed class CrossCallProgramRun
{
    private readonly Platform platform;
    private readonly ICrossCall ipi;
    private readonly CallLedger ledger;

    private CrossCallProgramRun(Type type, Platform platform, RuleSet rules)
    {
        this.platform = platform;
        ipi = ImplementationFactory.CreateCrossCall(type, platform);
        ledger = new CallLedger(platform, new RuleBook(rules));
    }

    public static ScenarioRun Build(ConcurrentProgram program, Type type, Platform platform, RuleSet rules)
    {
        var run = new CrossCallProgramRun(type, platform, rules);
        var programs = ProgramSteps.PerCpu(program, run.Step);
        return new ScenarioRun(programs, run.ledger.CheckQuiescent, Explain: run.ledger.Explain, Rules: run.ledger.Rules);
    }

    private void Step(int cpu, ProgramOp op)
    {
        switch (op.Kind)
        {
            case ProgramOpKind.CpuDown:
                ledger.CpuDown(op.Target);
                return;
            case ProgramOpKind.CpuUp:
                ledger.CpuUp(op.Target);
                return;
        }
        var refused = op.IrqsOff && op.Kind != ProgramOpKind.CallSingle;
        var single = op.Kind == ProgramOpKind.CallSingle;
        var targets = refused ? CpuMask.Empty : op.Kind switch
        {
            ProgramOpKind.CallSingle => CpuMask.Of(op.Target),
            ProgramOpKind.CallMany => op.Mask.Without(cpu),
            _ => CpuMask.All(platform.CpuCount).Without(cpu),
        };
        var request = ledger.Issue(cpu, targets, op.Wait && !refused, op.ToString(), single);
        platform.Annotate($"{op} R{request.Id} begins");
        var flags = op.IrqsOff ? platform.LocalIrqSave() : default;
        int result;
        try
        {
            result = op.Kind switch
            {
                ProgramOpKind.CallSingle => ipi.CallSingle(op.Target, request.Func, request, op.Wait),
                ProgramOpKind.CallMany => Many(op.Mask, request, op.Wait),
                _ => ipi.Call(request.Func, request, op.Wait),
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
        var message = $"{request.Description} with interrupts disabled returned {result} instead of being refused";
        if (ledger.Rules.Judge(ContractClauses.IrqsOffRejected, !refused, message) == ClauseVerdict.Broken)
        {
            throw new OracleViolationException(ContractClauses.IrqsOffRejected.Id, message);
        }
        ledger.Returned(request, result);
    }

    private int Many(CpuMask mask, CallRequest request, bool wait)
    {
        ipi.CallMany(mask, request.Func, request, wait);
        return 0;
    }
}
