using System.Diagnostics;
using Conformance.Catalog;
using Conformance.Cli.Commands;
using Conformance.Properties;

namespace Conformance.Cli.Checks.Adapters;

/// <summary>
/// The model-based properties of <c>Properties/</c>: FsCheck operation sequences run on the
/// implementation and on the mechanism's model side by side, a failure shrunk to a minimal sequence.
/// Every implementation is held to the contract level; the catalog's own (the references and the
/// mutants, which claim the seed's algorithm; every implementation with <c>--strict</c>) to the strict level as well. A run is bounded by its
/// number of cases, not by the budget.
/// </summary>
public sealed class PropertiesCheck : ICheck, IReplayer
{
    private const int QuickCases = 100;

    public string Name => "properties";

    public string Description =>
        "FsCheck operation sequences (interrupts and pending work included) on the implementation and its model side by side, shrunk on failure";

    public IReadOnlySet<Mechanism> Mechanisms { get; } = new HashSet<Mechanism>(Enum.GetValues<Mechanism>());

    public IReadOnlyList<CheckScenario> Scenarios { get; } = [];

    public string Prefix => Properties.Reproduction.Prefix;

    public string Form => "prop:<mechanism>:<impl-name>:<level>:<seed>:<gamma>:<size>";

    public Task<CheckResult> RunAsync(
        ImplementationEntry implementation, CheckOptions options, IProgress<CheckProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var runOptions = new PropertyRunOptions
        {
            Seed = options.Seed,
            MaxTest = options.Level == CheckLevel.Quick ? QuickCases : null,
            Deep = options.Level == CheckLevel.Thorough,
        };
        ConformanceLevel[] levels = options.Strict || ImplementationCatalog.All.Contains(implementation)
            ? [ConformanceLevel.Contract, ConformanceLevel.Strict]
            : [ConformanceLevel.Contract];
        var clock = Stopwatch.StartNew();
        long cases = 0;
        var failures = new List<CheckFailure>();
        foreach (var level in levels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.Report(new CheckProgress(cases, $"{Properties.Reproduction.LevelName(level)} level"));
            var result = ConformanceCheck.Property(implementation.Type, level, runOptions);
            cases += result.Cases;
            if (!result.Passed)
            {
                failures.Add(Failure(result));
            }
        }
        var verdict = failures.Count == 0
            ? CheckResult.Conforms(cases, "cases", clock.Elapsed)
            : CheckResult.Violation(cases, "cases", clock.Elapsed, [.. failures]);
        return Task.FromResult(verdict with { Rules = options.RulesFor(implementation) });
    }

    public Task<CheckResult> ReplayAsync(Reproduction reproduction, ReplayContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reproduction);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            Properties.Reproduction.Parse(reproduction.ToString());
        }
        catch (FormatException e)
        {
            throw new ReproductionFormatException(e.Message.Contains(Form, StringComparison.Ordinal) ? e.Message : $"{e.Message}; expected {Form}");
        }
        var clock = Stopwatch.StartNew();
        PropertyResult result;
        try
        {
            result = PropertyReplay.Run(reproduction.ToString(), context.Implementation?.Type);
        }
        catch (ImplementationLoadException e) when (context.Implementation is null)
        {
            throw new UsageException($"{e.Message.Split(';')[0]}; for your own type give --impl <path.dll> --type <Full.Type.Name>");
        }
        return Task.FromResult(result.Passed
            ? CheckResult.Conforms(result.Cases, "cases", clock.Elapsed)
            : CheckResult.Violation(result.Cases, "cases", clock.Elapsed, Failure(result)));
    }

    private static CheckFailure Failure(PropertyResult result) => result.Failure is { } failure
        ? new CheckFailure($"{result.Title}: {failure.Check}", failure.Report(), failure.Reproduction)
        // Too few occurrences of an event the property relies on: no case failed, the run was too weak to tell.
        : new CheckFailure($"{result.Title}: coverage too low", result.Describe(), null);
}
