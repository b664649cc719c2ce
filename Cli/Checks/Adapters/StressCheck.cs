using System.Diagnostics;
using System.Globalization;
using Conformance.Catalog;
using Conformance.Cli.Commands;
using Conformance.Cli.Output;
using Conformance.Concurrency.Scenarios;
using Conformance.Concurrency.Strategies;
using Conformance.Stress;

namespace Conformance.Cli.Checks.Adapters;

/// <summary>
/// The real-thread stress of <c>Stress/</c>: runs of a threaded machine, each CPU with a random
/// operation stream, seeded chaos delays, the black-box oracles as it runs and a linearizability check
/// of the recorded history after. Each run's seed derives from the check's seed; the level sets the
/// machine, the stream length and the most runs, the budget stops starting runs. A run whose history
/// the checker cannot decide makes the result unknown, never a pass.
/// </summary>
public sealed class StressCheck : ICheck, IReplayer
{
    private readonly int maxAttempts;
    private readonly TimeSpan attemptTimeCap;

    /// <summary>The check as the commands run it, and the replayer with its default bounds.</summary>
    public StressCheck()
        : this(StressReplayBounds.Attempts, StressReplayBounds.TimeCap)
    {
    }

    /// <summary>A replayer that re-runs a line at most <paramref name="maxAttempts"/> times, starting none after <paramref name="attemptTimeCap"/>.</summary>
    public StressCheck(int maxAttempts, TimeSpan attemptTimeCap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(attemptTimeCap, TimeSpan.Zero);
        this.maxAttempts = maxAttempts;
        this.attemptTimeCap = attemptTimeCap;
    }

    public string Name => "stress";

    public string Description =>
        "real threads with random operation streams and chaos delays: the oracles as it runs, then a linearizability check of the history";

    public IReadOnlySet<Mechanism> Mechanisms { get; } = new HashSet<Mechanism>(Enum.GetValues<Mechanism>());

    public IReadOnlyList<CheckScenario> Scenarios { get; } =
    [
        new("allocator-streams", Mechanism.Allocator, "alloc of mixed sizes and alignments, frees, stale double frees, free(NULL) in a 128-byte reserve"),
        new("pool-streams", Mechanism.Pool, "alloc (some with interrupts off), free, fill below the low watermark, empty; the refill work racing them"),
        new("crosscall-streams", Mechanism.CrossCall, "call_single, call_many to random masks and call to all, with and without wait, every CPU taking IPIs"),
    ];

    public string Prefix => StressReproduction.Prefix;

    public string Form => StressReproduction.Form;

    public Task<CheckResult> RunAsync(
        ImplementationEntry implementation, CheckOptions options, IProgress<CheckProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var level = StressLevel.For(options.Level);
        var clock = Stopwatch.StartNew();
        var undecided = new List<CheckFailure>();
        var runs = 0;
        for (var i = 0; i < level.Runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = options.Budget - clock.Elapsed;
            if (i > 0 && remaining <= TimeSpan.Zero)
            {
                break;
            }
            var seed = Prng.Derive(options.Seed, i);
            progress.Report(new CheckProgress(runs, string.Create(CultureInfo.InvariantCulture, $"run {i + 1} of at most {level.Runs}, seed {seed}")));
            var result = StressRunner.Run(implementation, level.Options(seed, remaining) with { Rules = options.RulesFor(implementation) });
            runs++;
            if (result.Verdict == StressVerdict.Failed)
            {
                // The run's verdict (its oracles, then the linearizability check) is the detection.
                var detected = clock.Elapsed;
                return Task.FromResult(CheckResult.Violation(runs, "runs", clock.Elapsed, Failure(result, $"run {runs}")) with { Detected = detected });
            }
            if (result.Verdict == StressVerdict.Unknown)
            {
                undecided.Add(Undecided(result, $"run {runs}"));
            }
        }
        progress.Report(new CheckProgress(runs));
        return Task.FromResult(undecided.Count == 0
            ? CheckResult.Conforms(runs, "runs", clock.Elapsed)
            : CheckResult.Unknown(runs, "runs", clock.Elapsed, [.. undecided]));
    }

    /// <summary>
    /// Re-runs the line's operation streams and chaos choices until the failure shows again, at most
    /// the attempt cap and starting none past the time cap. Thread timing is not replayed, and the
    /// result's note says so, with the attempt on which the failure came back, or that it did not, and
    /// the exploration scenarios that replay the mechanism's interleavings exactly.
    /// </summary>
    public Task<CheckResult> ReplayAsync(Reproduction reproduction, ReplayContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reproduction);
        ArgumentNullException.ThrowIfNull(context);
        StressReproduction line;
        try
        {
            line = StressReproduction.Parse(reproduction.ToString());
        }
        catch (FormatException e)
        {
            throw new ReproductionFormatException(e.Message);
        }
        if (context.Implementation is { } given && given.Mechanism != line.Mechanism)
        {
            throw new UsageException(
                $"{MechanismNames.Format(given)} implements {MechanismNames.Format(given.Mechanism)}, but the string is a {MechanismNames.Format(line.Mechanism)} stress run");
        }
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        var undecided = 0;
        while (attempts < maxAttempts && (attempts == 0 || clock.Elapsed < attemptTimeCap))
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.Progress.Report(new CheckProgress(attempts, string.Create(CultureInfo.InvariantCulture, $"attempt {attempts + 1} of at most {maxAttempts}")));
            StressResult result;
            try
            {
                result = StressReplay.Run(line.ToString(), context.Implementation?.Type);
            }
            catch (ImplementationLoadException e) when (context.Implementation is null)
            {
                throw new UsageException($"{e.Message.Split(';')[0]}; for your own type give --impl <path.dll> --type <Full.Type.Name>");
            }
            attempts++;
            if (result.Verdict == StressVerdict.Failed)
            {
                var note = string.Create(CultureInfo.InvariantCulture,
                    $"failed again on attempt {attempts} of at most {maxAttempts}. {TimingNote(line)}");
                return Task.FromResult(CheckResult.Violation(attempts, "runs", clock.Elapsed, Failure(result, $"attempt {attempts}")) with { Note = note });
            }
            if (result.Verdict == StressVerdict.Unknown)
            {
                undecided++;
            }
        }
        var stopped = attempts < maxAttempts ? string.Create(CultureInfo.InvariantCulture, $" (the time cap of {Durations.Format(attemptTimeCap)} stopped it)") : "";
        var unknown = undecided > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {undecided} of them could not be decided by the linearizability checker") : "";
        var missed = string.Create(CultureInfo.InvariantCulture,
            $"the failure did not come back in {attempts} attempt(s){stopped}{unknown}. {TimingNote(line)}");
        return Task.FromResult(CheckResult.Conforms(attempts, "runs", clock.Elapsed) with { Note = missed });
    }

    private static string TimingNote(StressReproduction line)
    {
        var scenarios = string.Join(", ", ScenarioCatalog.For(line.Mechanism).Select(f => f.Name));
        return $"A stress line re-runs the same operation streams and chaos choices, not the threads' timing. "
            + $"The exploration scenarios {scenarios} replay a {MechanismNames.Format(line.Mechanism)} failure exactly: "
            + $"conformance explore -m {MechanismNames.Format(line.Mechanism)} --impl {ShellQuote.Quote(line.Implementation)}";
    }

    private static CheckFailure Failure(StressResult result, string which)
    {
        var headline = Headline(result.Report);
        // The headline names an exception's type already; an oracle's name or "not-linearizable" goes in front.
        var what = result.Failure is { } name
            && !headline.Contains(name, StringComparison.OrdinalIgnoreCase)
            && !headline.Contains(name.Replace('-', ' '), StringComparison.OrdinalIgnoreCase)
            ? $"{name}: {headline}"
            : headline;
        return new(
            string.Create(CultureInfo.InvariantCulture, $"{which} (seed {result.Options.Seed}): {what}"),
            result.Report ?? result.ToString(),
            result.Reproduction);
    }

    private static CheckFailure Undecided(StressResult result, string which) => new(
        string.Create(CultureInfo.InvariantCulture, $"{which} (seed {result.Options.Seed}): the linearizability check could not decide the history: {result.CheckSummary}"),
        result.Report ?? result.ToString(),
        result.Reproduction);

    /// <summary>The report's first line after its header: what the oracle saw, what was thrown, or the checker's verdict.</summary>
    private static string Headline(string? report)
    {
        if (report is null)
        {
            return "";
        }
        var lines = report.ReplaceLineEndings("\n").Split('\n');
        var blank = Array.FindIndex(lines, l => l.Length == 0);
        var first = blank < 0 ? null : lines.Skip(blank + 1).FirstOrDefault(l => l.Length > 0);
        return first is null ? lines[0] : Shorten(first);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 197), "...");
}
