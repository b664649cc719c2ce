using System.Diagnostics;
using Conformance.Catalog;
using Conformance.Stress.Checking;
using Conformance.Stress.Harness;

namespace Conformance.Stress;

/// <summary>
/// Real-thread stress of one implementation: a threaded machine (default 4 CPUs, more than this
/// machine's cores is fine), one random operation stream per CPU derived from one seed, optional seeded
/// chaos delays, bounded by an operation count and a wall-time budget. Then the black-box oracles (as in
/// exploration) and a linearizability check of the recorded history against the mechanism's sequential
/// specification (<see cref="Specifications"/>).
/// </summary>
public static class StressRunner
{
    /// <summary>Runs stress on <paramref name="implementation"/>.</summary>
    public static StressResult Run(ImplementationEntry implementation, StressOptions options)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var harness = MechanismStress.Create(implementation, options);
        var reproduction = StressReproduction.Of(implementation, options).ToString();

        var clock = Stopwatch.StartNew();
        Exception? failure = null;
        try
        {
            harness.Run();
        }
        catch (Exception e)
        {
            failure = harness.Explain(e);
        }
        var elapsed = clock.Elapsed;
        if (failure is null)
        {
            try
            {
                harness.AtQuiescence();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }

        clock.Restart();
        var check = harness.CheckHistory(options.Check);
        var checkElapsed = clock.Elapsed;
        var verdict = failure is not null || check.Verdict == CheckVerdict.NotLinearizable ? StressVerdict.Failed
            : check.Verdict == CheckVerdict.Unknown ? StressVerdict.Unknown
            : StressVerdict.Passed;
        return new StressResult
        {
            Verdict = verdict,
            Implementation = implementation,
            Options = options,
            OperationsDone = harness.OperationsDone,
            HistoryLength = check.Operations,
            Elapsed = elapsed,
            CheckElapsed = checkElapsed,
            Linearizability = check.Verdict,
            CheckSummary = check.Summary,
            Failure = StressReport.FailureName(failure, check),
            Report = verdict == StressVerdict.Passed ? null : StressReport.Format(verdict, harness, failure, check, elapsed, reproduction),
            Reproduction = reproduction,
            Deviations = harness.Rules.Deviations,
        };
    }

    /// <summary>Runs stress on a type implementing one of the contracts (named by its catalog name, or its full name).</summary>
    public static StressResult Run(Type implementationType, StressOptions options)
    {
        ArgumentNullException.ThrowIfNull(implementationType);
        return Run(ImplementationCatalog.Describe(implementationType), options);
    }

    /// <summary>Runs stress with <paramref name="seed"/>, <paramref name="operations"/> and <paramref name="timeBudget"/>; everything else as <see cref="StressOptions"/> defaults.</summary>
    public static StressResult Run(ImplementationEntry implementation, ulong seed, int operations, TimeSpan timeBudget) =>
        Run(implementation, new StressOptions { Seed = seed, Operations = operations, TimeBudget = timeBudget });
}
