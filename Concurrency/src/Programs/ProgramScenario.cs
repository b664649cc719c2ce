using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Contracts;

namespace Conformance.Concurrency.Programs;

/// <summary>A program as a <see cref="Scenario"/>: each iteration builds the implementation and the mechanism's oracles afresh.</summary>
public static class ProgramScenario
{
    /// <summary>Scheduling points one iteration of a program may take.</summary>
    public const long StepBound = 20_000;

    public static Scenario Create(ConcurrentProgram program, ImplementationEntry implementation, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(implementation);
        if (implementation.Mechanism != program.Mechanism)
        {
            throw new ArgumentException(
                $"the program exercises the {program.Mechanism} contract; {implementation.Name} implements {implementation.Mechanism}", nameof(implementation));
        }
        if (program.Problem() is { } problem)
        {
            throw new ArgumentException($"program {program} cannot run: {problem}", nameof(program));
        }
        var type = implementation.Type;
        Func<Smp.Platform, ScenarioRun> build = program.Mechanism switch
        {
            Mechanism.CrossCall => platform => CrossCallProgramRun.Build(program, type, platform, rules),
            Mechanism.Pool => platform => PoolProgramRun.Build(program, type, platform, rules),
            _ => platform => AllocatorProgramRun.Build(program, type, platform, rules),
        };
        return new Scenario(program.ToString(), program.CpuCount, build)
        {
            Implementation = implementation.Name,
            Rules = rules,
            StepBound = StepBound,
        };
    }
}
