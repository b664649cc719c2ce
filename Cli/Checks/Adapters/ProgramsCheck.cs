using System.Diagnostics;
using Conformance.Catalog;
using Conformance.Cli.Commands;
using Conformance.Concurrency.Controlled;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Programs;
using Conformance.Concurrency.Reports;

namespace Conformance.Cli.Checks.Adapters;

/// <summary>
/// Exploration of generated concurrent programs (<c>Concurrency/src/Programs</c>): program after program
/// drawn from the mechanism's whole vocabulary (IPI-context and hotplug steps included), each explored
/// with a small batch of portfolio schedules and judged by the mechanism's oracles. A failure is shown
/// on the shrunk program with its minimised schedule, and replays from its <c>program:</c> line.
/// </summary>
public sealed class ProgramsCheck : ICheck, IReplayer
{
    public string Name => "programs";

    public string Description =>
        "controlled scheduler over generated programs (2-4 CPUs, 1-4 operations each, IPI handlers and hotplug), shrunk on failure";

    public IReadOnlySet<Mechanism> Mechanisms { get; } = Enum.GetValues<Mechanism>().ToHashSet();

    public IReadOnlyList<CheckScenario> Scenarios { get; } =
        [.. Enum.GetValues<Mechanism>().Select(m => new CheckScenario(
            $"generated({MechanismNames.Format(m)})", m, "programs drawn by FsCheck from the mechanism's whole vocabulary, a batch of schedules each"))];

    public string Prefix => ProgramReproduction.Prefix;

    public string Form => ProgramReproduction.Form;

    public Task<CheckResult> RunAsync(
        ImplementationEntry implementation, CheckOptions options, IProgress<CheckProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var clock = Stopwatch.StartNew();
        var exploration = Options(options.Level) with { Seed = options.Seed, Budget = options.Budget };
        var result = ProgramExplorer.Explore(
            implementation, options.RulesFor(implementation), exploration,
            new Progress<ExplorationProgress>(p => progress.Report(new CheckProgress(p.Iterations, p.Scenario))), cancellationToken);
        if (result.Passed)
        {
            return Task.FromResult(CheckResult.Conforms(result.Schedules, "schedules", clock.Elapsed) with
            {
                Note = $"{result.Programs} programs",
                Rules = options.RulesFor(implementation),
            });
        }
        var failure = Failure(result.Failure!.Failure!, result.Reproduction!, result.Drawn, result.Failure.Found);
        return Task.FromResult(CheckResult.Violation(result.Schedules, "schedules", clock.Elapsed, failure) with
        {
            Detected = result.Detected,
            Rules = options.RulesFor(implementation),
        });
    }

    public Task<CheckResult> ReplayAsync(Reproduction reproduction, ReplayContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reproduction);
        ArgumentNullException.ThrowIfNull(context);
        ProgramReproduction line;
        try
        {
            line = ProgramReproduction.Parse(reproduction.ToString());
        }
        catch (FormatException e)
        {
            throw new ReproductionFormatException(e.Message);
        }
        var clock = Stopwatch.StartNew();
        IterationOutcome outcome;
        try
        {
            (outcome, _) = ProgramReplay.Run(line, context.Implementation);
        }
        catch (ReplayDivergenceException e)
        {
            throw new UsageException(e.Message);
        }
        catch (ArgumentException e)
        {
            // An implementation given with --impl for another mechanism.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new ReproductionFormatException(message);
        }
        return Task.FromResult(outcome.Failed
            ? CheckResult.Violation(1, "schedules", clock.Elapsed, Failure(outcome, line, null, null))
            : CheckResult.Conforms(1, "schedules", clock.Elapsed));
    }

    /// <summary>Programs, schedules per program and the shrinking's effort at each level; the budget stops drawing earlier.</summary>
    public static ProgramExplorationOptions Options(CheckLevel level) => level switch
    {
        CheckLevel.Quick => new() { Programs = 24, SchedulesPerProgram = 16, ShrinkCandidates = 30, ShrinkSchedules = 32 },
        CheckLevel.Thorough => new() { Programs = 20_000, SchedulesPerProgram = 32, ShrinkCandidates = 200, ShrinkSchedules = 128 },
        _ => new() { Programs = 2_000, SchedulesPerProgram = 16, ShrinkCandidates = 100, ShrinkSchedules = 64 },
    };

    private static CheckFailure Failure(IterationOutcome failure, ProgramReproduction line, ConcurrentProgram? drawn, IterationOutcome? found) => new(
        $"{line.Program}: {FailureReport.Headline(failure.Error!)}",
        ProgramReport.Render(failure, line, drawn, found),
        line.ToString());
}
