using System.Diagnostics;
using Conformance.Catalog;
using Conformance.Cli.Commands;
using Conformance.Concurrency.Controlled;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Reports;
using Conformance.Concurrency.Scenarios;

namespace Conformance.Cli.Checks.Adapters;

/// <summary>
/// The systematic exploration of <c>Concurrency/</c>: each scenario of the mechanism runs under the
/// controlled scheduler, one iteration per derived seed, with the portfolio of strategies; the
/// oracles check that no call or element is lost and none is re-used while another CPU observes it.
/// The budget is shared between the mechanism's scenarios.
/// </summary>
public sealed class ExploreCheck : ICheck, IReplayer
{
    private static readonly TimeSpan MinimumScenarioBudget = TimeSpan.FromMilliseconds(200);

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
        var families = ScenarioCatalog.For(implementation.Mechanism).ToList();
        var share = options.Budget / Math.Max(1, families.Count);
        var clock = Stopwatch.StartNew();
        long schedules = 0;
        var failures = new List<CheckFailure>();
        foreach (var family in families)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scenario = family.Create(implementation);
            var exploration = new ExplorationOptions
            {
                Strategy = strategy,
                Seed = options.Seed,
                Iterations = Iterations(options.Level),
                Budget = share < MinimumScenarioBudget ? MinimumScenarioBudget : share,
            };
            var before = schedules;
            var result = ScenarioExplorer.Explore(family, implementation, exploration, progress: new Relay(progress, before, scenario.Name));
            schedules += result.Iterations;
            if (!result.Passed)
            {
                failures.Add(Failure(result, scenario.CpuCount));
                if (stopAtFirstFailure)
                {
                    break;
                }
            }
        }
        return Task.FromResult(failures.Count == 0
            ? CheckResult.Conforms(schedules, "schedules", clock.Elapsed)
            : CheckResult.Violation(schedules, "schedules", clock.Elapsed, [.. failures]));
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
            var implementation = context.Implementation ?? ImplementationCatalog.Find(family.Mechanism, line.Implementation);
            scenario = family.Create(implementation, cpus, ops);
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

    /// <summary>Exploration progress, counted on from the scenarios already explored.</summary>
    private sealed class Relay(IProgress<CheckProgress> progress, long before, string scenario) : IProgress<ExplorationProgress>
    {
        public void Report(ExplorationProgress value) => progress.Report(new CheckProgress(before + value.Iterations, scenario));
    }
}
