using Conformance.Catalog;
using Conformance.Cli.Checks;

namespace Conformance.Cli.Tests.Fakes;

/// <summary>A check whose outcome the test decides; it records what it was asked to run.</summary>
public sealed class ScriptedCheck(string name, Func<ImplementationEntry, CheckOptions, CheckResult> run, params Mechanism[] mechanisms) : ICheck
{
    private readonly List<(ImplementationEntry Implementation, CheckOptions Options)> calls = [];

    public string Name { get; } = name;

    public string Description => $"scripted check {Name}";

    public IReadOnlySet<Mechanism> Mechanisms { get; } = new HashSet<Mechanism>(mechanisms);

    public IReadOnlyList<CheckScenario> Scenarios { get; init; } = [];

    public IReadOnlyList<(ImplementationEntry Implementation, CheckOptions Options)> Calls => calls;

    public Task<CheckResult> RunAsync(
        ImplementationEntry implementation, CheckOptions options, IProgress<CheckProgress> progress, CancellationToken cancellationToken)
    {
        calls.Add((implementation, options));
        progress.Report(new CheckProgress(1, "scripted"));
        return Task.FromResult(run(implementation, options));
    }

    public static ScriptedCheck Conforming(string name, params Mechanism[] mechanisms) =>
        new(name, (_, _) => CheckResult.Conforms(7, "cases", TimeSpan.FromMilliseconds(5)), mechanisms);

    public static ScriptedCheck Undecided(string name, params Mechanism[] mechanisms) =>
        new(name, (e, _) => CheckResult.Unknown(4, "runs", TimeSpan.FromMilliseconds(5),
            new CheckFailure("run 2: the linearizability check could not decide the history: out of steps", "history of 90000 operations", "stress:crosscall:reference:9:4:90000:1")), mechanisms);

    /// <summary>Conforms under the rule set the options hold the implementation to, deviating from the kernel's in <paramref name="clause"/>.</summary>
    public static ScriptedCheck Deviating(string name, string clause, string reproduction, params Mechanism[] mechanisms) =>
        new(name, (e, o) => CheckResult.Conforms(5, "schedules", TimeSpan.FromMilliseconds(5)) with
        {
            Rules = o.RulesFor(e),
            Deviations = [new CheckDeviation(clause, "R2 (call_many from CPU0 to {1,2}, wait) returned before {2} ran it", reproduction, e.KnownDeviations.Contains(clause))],
        }, mechanisms);

    public static ScriptedCheck Failing(string name, string reproduction, params Mechanism[] mechanisms) =>
        new(name, (e, _) => CheckResult.Violation(3, "cases", TimeSpan.FromMilliseconds(5),
            new CheckFailure($"{e.Name} lost an IPI", "CPU0: CallSingle(1)\nCPU1: (never ran func)", reproduction)), mechanisms);
}
