using System.Diagnostics;
using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Cli.Commands;
using Conformance.Concurrency.Controlled;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Reports;
using Conformance.Concurrency.Scenarios;
using Conformance.Contracts;

namespace Conformance.Cli.Checks.Adapters;

/// <summary>
/// The systematic exploration of <c>Concurrency/</c>: each scenario of the mechanism runs under the
/// controlled scheduler, one iteration per derived seed, with the portfolio of strategies; the
/// oracles check that no call or element is lost and none is re-used while another CPU observes it.
/// The scenarios take turns, a batch of schedules each, and share the budget.
/// </summary>
public sealed class ExploreCheck : ICheck, IReplayer
{
    private readonly string strategy;
    private readonly bool stopAtFirstFailure;

    /// <summary>The check as <c>conformance check</c> runs it: the portfolio, every scenario.</summary>
    public ExploreCheck()
        : this("portfolio", stopAtFirstFailure: false)
    {
    }

    /// <summary>One strategy; with <paramref name="stopAtFirstFailure"/>, no scenario runs after the first violation (the kill matrix times the kill).</summary>
    public ExploreCheck(string strategy, bool stopAtFirstFailure)
    {
        this.strategy = strategy;
        this.stopAtFirstFailure = stopAtFirstFailure;
    }

    public string Name => "explore";

    public string Description =>
        "controlled scheduler over small multi-CPU scenarios (random, PCT, DFS portfolio): nothing lost, nothing re-used while observed";

    public IReadOnlySet<Mechanism> Mechanisms { get; } = ScenarioCatalog.Families.Select(f => f.Mechanism).ToHashSet();

    public IReadOnlyList<CheckScenario> Scenarios { get; } =
        [.. ScenarioCatalog.Families.Select(f => new CheckScenario($"{f.Name}({f.DefaultCpus},{f.DefaultOps})", f.Mechanism, f.Description))];

    public string Prefix => Concurrency.Exploration.Reproduction.Prefix;

    public string Form => Concurrency.Exploration.Reproduction.Form;

    public Task<CheckResult> RunAsync(
        ImplementationEntry implementation, CheckOptions options, IProgress<CheckProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var clock = Stopwatch.StartNew();
        var exploration = new ExplorationOptions { Strategy = strategy, Seed = options.Seed, Iterations = Iterations(options.Level) };
        var runs = ScenarioCatalog.For(implementation.Mechanism)
            .Select(family => (Family: family, Run: new ExplorationRun(family.Create(implementation, rules: options.RulesFor(implementation)), exploration)))
            .ToList();
        // Round-robin, a batch of each scenario in turn, so a mutant only a later scenario exposes is
        // reached within the first round, not after the earlier scenarios' whole share. Every scenario
        // takes its first turn; after that the budget, shared by all, stops new turns.
        var found = new List<(ScenarioFamily Family, ExplorationRun Run)>();
        TimeSpan? detected = null;
        for (var round = 0; runs.Any(r => !r.Run.Finished) && (round == 0 || clock.Elapsed < options.Budget); round++)
        {
            foreach (var (family, run) in runs.Where(r => !r.Run.Finished))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (run.Advance(ExplorationRun.BatchSize))
                {
                    detected ??= clock.Elapsed;
                    found.Add((family, run));
                    if (stopAtFirstFailure)
                    {
                        break;
                    }
                }
                progress.Report(new CheckProgress(runs.Sum(r => r.Run.Iterations), run.Scenario.Name));
            }
            if (stopAtFirstFailure && found.Count > 0)
            {
                break;
            }
        }
        var schedules = runs.Sum(r => r.Run.Iterations);
        var deviations = Deviations(implementation, runs.Select(r => r.Run));
        if (found.Count == 0)
        {
            return Task.FromResult(CheckResult.Conforms(schedules, "schedules", clock.Elapsed) with { Rules = options.RulesFor(implementation), Deviations = deviations });
        }
        // Shrinking the scenario and minimising the schedule come after the detection: the report shows
        // the smallest failure, the time to the first violation does not include the work to find it.
        var failures = found
            .OrderBy(f => runs.FindIndex(r => r.Run == f.Run))
            .Select(f => Failure(
                ScenarioExplorer.Shrink(f.Family, implementation, exploration, f.Run.Result(), f.Family.DefaultCpus, f.Family.DefaultOps, f.Run.Scenario.Rules),
                f.Family.DefaultCpus))
            .ToArray();
        return Task.FromResult(CheckResult.Violation(schedules, "schedules", clock.Elapsed, failures) with
        {
            Detected = detected,
            Rules = options.RulesFor(implementation),
            Deviations = deviations,
        });
    }

    public Task<CheckResult> ReplayAsync(Reproduction reproduction, ReplayContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reproduction);
        ArgumentNullException.ThrowIfNull(context);
        Concurrency.Exploration.Reproduction line;
        Scenario scenario;
        try
        {
            line = Concurrency.Exploration.Reproduction.Parse(reproduction.ToString());
            var (family, cpus, ops) = ScenarioCatalog.Parse(line.Scenario);
            var (name, rules) = RuleSetNames.Split(line.Implementation);
            var implementation = context.Implementation ?? ImplementationCatalog.Find(family.Mechanism, name);
            scenario = family.Create(implementation, cpus, ops, rules);
        }
        catch (ArgumentException e)
        {
            // The message without its " (Parameter 'name')" tail: the user gave a string, not a parameter.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new ReproductionFormatException(message);
        }
        catch (FormatException e)
        {
            throw new ReproductionFormatException(e.Message);
        }
        var clock = Stopwatch.StartNew();
        IterationOutcome outcome;
        try
        {
            outcome = Explorer.Replay(line, scenario);
        }
        catch (ReplayDivergenceException e)
        {
            throw new UsageException(e.Message);
        }
        if (!outcome.Failed)
        {
            return Task.FromResult(CheckResult.Conforms(1, "schedules", clock.Elapsed));
        }
        var result = new ExplorationResult(scenario.Name, line.Strategy, 1, outcome.Steps, clock.Elapsed, false, outcome, line);
        return Task.FromResult(CheckResult.Violation(1, "schedules", clock.Elapsed, Failure(result, scenario.CpuCount)));
    }

    /// <summary>The first deviation of each clause over the runs, each with its kernel-rules line.</summary>
    private static IReadOnlyList<CheckDeviation> Deviations(ImplementationEntry implementation, IEnumerable<ExplorationRun> runs)
    {
        var witnesses = new List<CheckDeviation>();
        foreach (var run in runs)
        {
            var unseen = run.Deviations.Where(d => witnesses.All(w => w.Clause != d.Key)).ToList();
            if (unseen.Count == 0)
            {
                continue;
            }
            var (family, cpus, ops) = ScenarioCatalog.Parse(run.Scenario.Name);
            witnesses.AddRange(DeviationWitness.ReproduceAll(unseen, family.Create(implementation, cpus, ops, RuleSet.Kernel), run.Options.Seed)
                .Select(w => new CheckDeviation(w.Deviation.Clause.Id, w.Deviation.Message, w.Reproduction?.ToString(), implementation.KnownDeviations.Contains(w.Deviation.Clause.Id))));
        }
        return witnesses;
    }

    private static long Iterations(CheckLevel level) => level switch
    {
        CheckLevel.Quick => 200,
        CheckLevel.Thorough => 20_000,
        _ => 2_000,
    };

    private static CheckFailure Failure(ExplorationResult result, int cpuCount) => new(
        $"{result.Scenario}: {FailureReport.Headline(result.Failure!.Error!)}",
        FailureReport.Render(result, cpuCount),
        result.Reproduction!.ToString());
}
