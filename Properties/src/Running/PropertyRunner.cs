using System.Diagnostics;
using Conformance.Catalog;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Conformance.Properties;

/// <summary>
/// Runs one mechanism's property with FsCheck (generation, shrinking, replay by seed) and turns
/// FsCheck's result into a <see cref="PropertyResult"/>: on failure the shrunk case is run once more to
/// report the failing step, the model's state before it, and the reproduction line.
/// </summary>
internal static class PropertyRunner
{
    public static PropertyResult Run<TScenario>(
        MechanismProperty<TScenario> property, Type implementation, string implementationName, ConformanceLevel level,
        PropertyRunOptions options, Reproduction? replay)
        where TScenario : class
    {
        var coverage = new CoverageCollector();
        var runner = new CapturingRunner();
        var cases = replay is null ? options.CasesFor(property.DefaultMaxTest) : 1;
        var config = Config.Quick
            .WithRunner(runner)
            .WithMaxTest(cases)
            .WithEndSize(options.EndSize)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(replay is null
                ? new Replay(new Rnd(options.Seed ?? DefaultSeed(property.Mechanism), DefaultGamma), FSharpOption<int>.None)
                : new Replay(new Rnd(replay.Seed, replay.Gamma), FSharpOption<int>.Some(replay.Size))));
        var arbitrary = Arb.From(property.Generator, property.Shrink);
        var rules = options.Rules ?? ImplementationCatalog.Describe(implementation).Rules;
        var clock = Stopwatch.StartNew();
        var prop = Prop.ForAll(arbitrary, scenario =>
        {
            var outcome = property.Run(scenario, implementation, level, rules);
            if (outcome.Violation is null)
            {
                coverage.Add(outcome);
            }
            return outcome.Violation is null;
        });
        Check.One(config, prop);
        clock.Stop();

        var result = runner.Result ?? throw new InvalidOperationException("FsCheck finished without a result");
        PropertyFailure? failure = null;
        var tested = cases;
        if (result is TestResult.Failed failed)
        {
            tested = failed.Item1.NumberOfTests;
            var shrunk = (TScenario)failed.Item3.Head;
            var rerun = property.Run(shrunk, implementation, level, rules).Violation
                ?? new StepViolation("determinism", "the shrunk case to fail again", "it passed when run again");
            var reproduction = new Reproduction(property.Mechanism, implementationName, level, failed.Item6.Seed, failed.Item6.Gamma, failed.Item7);
            failure = new PropertyFailure(
                reproduction.ToString(), property.Describe(shrunk), rerun.Step, rerun.Operation, rerun.Check,
                rerun.ModelBefore, rerun.Expected, rerun.Actual, failed.Item1.NumberOfShrinks, tested);
        }
        else if (result is TestResult.Exhausted exhausted)
        {
            throw new InvalidOperationException($"FsCheck gave up ({exhausted}): the generator discards too many");
        }
        else if (result is TestResult.Passed passed)
        {
            tested = passed.Item1.NumberOfTests;
        }
        var report = coverage.Report(property.Minimums(level));
        var shortfalls = failure is null && replay is null && options.EnforceCoverage ? report.Shortfalls : [];
        return new PropertyResult(property.Mechanism, implementationName, level, tested, clock.Elapsed, report, failure, shortfalls);
    }

    // A fixed start per mechanism: a plain run is the same run every time (CONFORMANCE_SEED changes it).
    private const ulong DefaultGamma = 0x9E3779B97F4A7C15;

    private static ulong DefaultSeed(Mechanism mechanism) => mechanism switch
    {
        Mechanism.Allocator => 20080929,
        Mechanism.Pool => 20140718,
        _ => 20090217,
    };
}
