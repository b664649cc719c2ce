using System.Diagnostics;
using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Strategies;
using Conformance.Contracts;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// Lincheck's approach on the controlled scheduler: draws program after program of the mechanism's
/// vocabulary, explores each with a small batch of schedules, and stops at the first failure. The
/// failing program is shrunk first (a smaller program is kept when some schedule of it fails with the
/// same <see cref="FailureSignature"/>), then its schedule is minimised (<see cref="ScheduleMinimiser"/>),
/// and the result carries the one line that reproduces it. Deterministic from the seed: program i and
/// its schedules depend on the seed and i alone.
/// </summary>
public static class ProgramExplorer
{
    public static ProgramExplorationResult Explore(ImplementationEntry implementation, RuleSet rules, ProgramExplorationOptions options,
        IProgress<ExplorationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        long programs = 0, schedules = 0, steps = 0;
        for (long i = 0; i < options.Programs && (i == 0 || options.Budget is not { } budget || clock.Elapsed < budget); i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var program = ProgramGenerator.Draw(implementation.Mechanism, options.Seed, i);
            var run = Run(program, implementation, rules, options, Prng.Derive(options.Seed, i), options.SchedulesPerProgram);
            programs++;
            schedules += run.Iterations;
            if (run.Found is not null)
            {
                var detected = clock.Elapsed;
                var (shrunk, failing) = options.Shrink ? Shrink(program, run, implementation, rules, options) : (program, run);
                var failure = failing.Result();
                var line = failure.Reproduction!;
                return new ProgramExplorationResult(implementation.Mechanism, implementation.Name, programs, schedules, steps, clock.Elapsed)
                {
                    Drawn = program,
                    Failure = failure,
                    Reproduction = new ProgramReproduction(implementation.Mechanism, line.Implementation, shrunk, line.Strategy, line.Seed, line.Iteration, line.TraceHash),
                    Detected = detected,
                };
            }
            steps += run.Result().Steps;
            progress?.Report(new ExplorationProgress(program.ToString(), schedules, clock.Elapsed));
        }
        return new ProgramExplorationResult(implementation.Mechanism, implementation.Name, programs, schedules, steps, clock.Elapsed);
    }

    /// <summary>
    /// The smallest program found, by greedy steps over <see cref="ProgramShrinker.Candidates"/>, that
    /// still fails as <paramref name="found"/> did, with the run that showed it.
    /// </summary>
    public static (ConcurrentProgram Program, ExplorationRun Run) Shrink(ConcurrentProgram program, ExplorationRun found,
        ImplementationEntry implementation, RuleSet rules, ProgramExplorationOptions options)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(options);
        var signature = FailureSignature.Of(found.Found?.Error ?? throw new ArgumentException("the run did not fail", nameof(found)));
        var best = (Program: program, Run: found);
        var tried = 0;
        var improved = true;
        while (improved && tried < options.ShrinkCandidates)
        {
            improved = false;
            foreach (var candidate in ProgramShrinker.Candidates(best.Program))
            {
                if (tried++ >= options.ShrinkCandidates)
                {
                    break;
                }
                var run = Run(candidate, implementation, rules, options, Prng.Derive(options.Seed, tried), options.ShrinkSchedules);
                if (run.Found?.Error is { } error && FailureSignature.Of(error) == signature)
                {
                    best = (candidate, run);
                    improved = true;
                    break;
                }
            }
        }
        return best;
    }

    private static ExplorationRun Run(ConcurrentProgram program, ImplementationEntry implementation, RuleSet rules,
        ProgramExplorationOptions options, ulong seed, int schedules)
    {
        var exploration = new ExplorationOptions
        {
            Strategy = options.Strategy,
            Seed = seed,
            Iterations = schedules,
            Parallelism = options.Parallelism,
            Minimise = options.Minimise,
            TraceValues = true,
        };
        var run = new ExplorationRun(ProgramScenario.Create(program, implementation, rules), exploration);
        while (!run.Finished)
        {
            run.Advance(ExplorationRun.BatchSize);
        }
        return run;
    }
}
