using System.CommandLine;
using System.Globalization;
using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Cli.Implementations;
using Conformance.Cli.Output;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Programs;
using Conformance.Concurrency.Reports;
using Conformance.Concurrency.Scenarios;
using Conformance.Concurrency.Strategies;
using Conformance.Contracts;

namespace Conformance.Cli.Commands;

/// <summary>
/// <c>conformance explore</c>: the controlled scheduler on chosen scenarios with a chosen strategy, an
/// iteration cap or a time budget, and a shard of the seed space; a line per scenario, the full report
/// of a failure, JSON for CI. <c>conformance explore merge</c> joins the JSON of several shards.
/// </summary>
public static class ExploreCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scenarios = new Option<string[]>("--scenario")
        {
            Description = "A scenario, family or family(cpus,ops), repeatable (see 'conformance list scenarios'). Default: every scenario of the implementation's mechanism.",
            HelpName = "scenario",
        };
        var mechanism = SharedOptions.Mechanism();
        var impl = SharedOptions.Impl();
        var type = SharedOptions.Type();
        var seed = SharedOptions.Seed();
        var budget = new Option<TimeSpan?>("--budget", "-b")
        {
            Description = $"Stop each scenario after this long, {BudgetParser.Forms}; with no --iterations, it is the only limit.",
            HelpName = "duration",
            CustomParser = result => BudgetParser.TryParse(result.Tokens.Count > 0 ? result.Tokens[0].Value : "", out var b, out var error)
                ? b
                : Error<TimeSpan?>(result, "--budget: " + error),
        };
        var strategy = new Option<string>("--strategy")
        {
            Description = $"The strategy: {string.Join(", ", StrategyCatalog.Names)} (settings such as pct-d2, dfs-p3, probabilistic-n2). Default: portfolio.",
            HelpName = "strategy",
            DefaultValueFactory = _ => "portfolio",
        };
        var iterations = new Option<long?>("--iterations", "-n")
        {
            Description = "The most schedules per scenario (of the whole run when sharded). Default: 1000, or no cap with --budget.",
            HelpName = "N",
        };
        var shard = new Option<Shard?>("--shard")
        {
            Description = "Run part i of n of the seed space (0 <= i < n), for CI matrix jobs; merge their JSON with 'explore merge'.",
            HelpName = "i/n",
            CustomParser = result =>
            {
                try
                {
                    return Shard.Parse(result.Tokens.Count > 0 ? result.Tokens[0].Value : "");
                }
                catch (FormatException e)
                {
                    return Error<Shard?>(result, e.Message);
                }
            },
        };
        var parallel = new Option<int?>("--parallel")
        {
            Description = "Schedules run at once (default: the number of cores); results do not depend on it.",
            HelpName = "N",
        };
        var noMinimise = new Option<bool>("--no-minimise")
        {
            Description = "Report a failing schedule as found, without taking preemptions and operations out of it.",
        };
        var json = SharedOptions.Json();
        var rules = SharedOptions.Rules();
        var generated = new Option<bool>("--programs")
        {
            Description = "Explore generated concurrent programs of the implementation's mechanism instead of the fixed scenarios "
                + "(-n is then the most programs, 200 by default; each gets a batch of 16 schedules; a failure is shrunk and printed as a program: line).",
        };
        var command = new Command("explore", "Explore interleavings of scenarios under the controlled scheduler; report the first violation of each with its interleaving and reproduction string.")
        {
            scenarios, mechanism, impl, type, strategy, iterations, budget, seed, shard, parallel, noMinimise, rules, generated, json, MergeCommand(context),
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var console = context.ConsoleFor(parseResult);
            var runSeed = parseResult.GetValue(seed) ?? CheckCommand.FreshSeed();
            var limit = parseResult.GetValue(budget);
            var options = new ExplorationOptions
            {
                Strategy = Strategy(parseResult.GetValue(strategy) ?? "portfolio"),
                Seed = runSeed,
                Iterations = parseResult.GetValue(iterations) ?? (limit is null ? 1000 : long.MaxValue),
                Budget = limit,
                Shard = parseResult.GetValue(shard) ?? Shard.Whole,
                Parallelism = parseResult.GetValue(parallel) ?? Environment.ProcessorCount,
                Minimise = !parseResult.GetValue(noMinimise),
            };
            if (options.Iterations < 1 || options.Parallelism < 1)
            {
                throw new UsageException("--iterations and --parallel take a whole number of at least 1");
            }
            var selection = ImplementationSelector.Select(context.Catalog, parseResult.GetValue(mechanism), parseResult.GetValue(impl), parseResult.GetValue(type));
            if (parseResult.GetValue(generated))
            {
                if ((parseResult.GetValue(scenarios) ?? []).Length > 0 || parseResult.GetValue(json) || options.Shard != Shard.Whole)
                {
                    throw new UsageException("--programs explores generated programs: it takes no --scenario, --shard or --json");
                }
                var programOptions = new ProgramExplorationOptions
                {
                    Seed = runSeed,
                    Programs = parseResult.GetValue(iterations) ?? (limit is null ? 200 : long.MaxValue),
                    Strategy = options.Strategy,
                    Budget = limit,
                    Parallelism = options.Parallelism,
                    Shrink = options.Minimise,
                    Minimise = options.Minimise,
                };
                return Task.FromResult(RunPrograms(console, selection.Entries, programOptions, parseResult.GetValue(rules), cancellationToken));
            }
            var work = Plan(selection.Entries, parseResult.GetValue(scenarios) ?? []);
            return Task.FromResult(Run(console, work, options, parseResult.GetValue(rules), parseResult.GetValue(json), cancellationToken));
        });
        return command;
    }

    private static Command MergeCommand(CliContext context)
    {
        var files = new Argument<string[]>("files") { Description = "The JSON files that 'explore --json --shard i/n' wrote.", Arity = ArgumentArity.OneOrMore };
        var merge = new Command("merge", "Merge the JSON results of several shards of one run into one (iterations add up; the lowest failing iteration wins).") { files };
        merge.SetAction(parseResult =>
        {
            var console = context.ConsoleFor(parseResult);
            var documents = new List<string>();
            foreach (var file in parseResult.GetValue(files) ?? [])
            {
                if (!File.Exists(file))
                {
                    throw new UsageException($"no such file: {file}");
                }
                documents.Add(File.ReadAllText(file));
            }
            string merged;
            try
            {
                merged = ExplorationJson.Merge(documents);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
            {
                throw new UsageException($"not an exploration result file: {Messages.OneLine(e.Message)}");
            }
            console.Out.WriteLine(merged);
            return merged.Contains("\"passed\": false", StringComparison.Ordinal) ? ExitCodes.Violation : ExitCodes.Success;
        });
        return merge;
    }

    private static int Run(CliConsole console, IReadOnlyList<(ScenarioFamily Family, int? Cpus, int? Ops, ImplementationEntry Implementation)> work,
        ExplorationOptions options, RuleSet? rules, bool json, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        console.Error.WriteLine(string.Create(inv, $"conformance explore: seed {options.Seed}, strategy {options.Strategy}, shard {options.Shard}, {options.Parallelism} at once"));
        var results = new List<ExplorationResult>();
        foreach (var (family, cpus, ops, implementation) in work)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var progress = new Progress(console.Error, $"{family.Name} on {implementation.Name}");
            var held = rules ?? implementation.Rules;
            var result = ScenarioExplorer.Explore(family, implementation, options, cpus, ops, progress, held);
            results.Add(result);
            var speed = string.Create(inv, $"{result.Iterations} schedules in {Durations.Format(result.Elapsed)} ({result.SchedulesPerSecond:0}/s, {(result.Iterations == 0 ? 0 : result.Steps / result.Iterations)} points each)");
            var verdict = result.Passed
                ? result.Exhausted ? "search complete, no violation: every schedule within the bound ran (a bounded proof)" : "no violation"
                : "VIOLATION: " + FailureReport.Headline(result.Failure!.Error!);
            if (!json)
            {
                console.Out.WriteLine($"{result.Scenario} {RuleSetNames.Qualify(implementation.Name, held)} {result.Strategy}: {speed}: {verdict}");
                foreach (var witness in DeviationWitness.ReproduceAll(result.Deviations, family.Create(implementation, cpus, ops, RuleSet.Kernel), options.Seed))
                {
                    var clause = witness.Deviation.Clause.Id;
                    var known = implementation.KnownDeviations.Contains(clause) ? "known deviation" : "deviation";
                    console.Out.WriteLine($"  {known} from the kernel's rules, {clause}: {Messages.OneLine(witness.Deviation.Message)}");
                    console.Out.WriteLine(witness.Reproduction is { } line
                        ? $"    under the kernel's rules: conformance replay {ShellQuote.Quote(line.ToString())}"
                        : "    the same iteration under the kernel's rules took another path; no line reproduces it alone");
                }
                if (!result.Passed)
                {
                    console.Out.WriteLine();
                    console.Out.WriteLine(FailureReport.Render(result, family.Create(implementation, cpus, ops, held).CpuCount));
                }
            }
        }
        if (json)
        {
            console.Out.WriteLine(ExplorationJson.Serialize(results, options.Shard.ToString()));
        }
        return results.All(r => r.Passed) ? ExitCodes.Success : ExitCodes.Violation;
    }

    private static int RunPrograms(CliConsole console, IReadOnlyList<ImplementationEntry> implementations, ProgramExplorationOptions options,
        RuleSet? rules, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        console.Error.WriteLine(string.Create(inv, $"conformance explore --programs: seed {options.Seed}, strategy {options.Strategy}, {options.SchedulesPerProgram} schedules a program, {options.Parallelism} at once"));
        var passed = true;
        foreach (var implementation in implementations)
        {
            var held = rules ?? implementation.Rules;
            var progress = new Progress(console.Error, $"programs on {implementation.Name}");
            var result = ProgramExplorer.Explore(implementation, held, options, progress, cancellationToken);
            // Shrinking and minimising a failure come after its detection: the speed is up to the detection.
            var spent = result.Detected ?? result.Elapsed;
            var speed = string.Create(inv, $"{result.Programs} programs, {result.Schedules} schedules in {Durations.Format(spent)}")
                + (result.Passed || spent.TotalSeconds <= 0 ? "" : string.Create(inv, $", then shrunk and minimised in {Durations.Format(result.Elapsed - spent)}"))
                + (result.Passed ? string.Create(inv, $" ({result.ProgramsPerSecond:0} programs/s, {result.SchedulesPerSecond:0} schedules/s)") : "");
            console.Out.WriteLine($"programs {MechanismNames.Format(implementation.Mechanism)}/{RuleSetNames.Qualify(implementation.Name, held)}: {speed}: "
                + (result.Passed ? "no violation" : "VIOLATION: " + FailureReport.Headline(result.Failure!.Failure!.Error!)));
            if (!result.Passed)
            {
                passed = false;
                console.Out.WriteLine();
                console.Out.WriteLine(ProgramReport.Render(result.Failure!.Failure!, result.Reproduction!, result.Drawn, result.Failure.Found));
            }
        }
        return passed ? ExitCodes.Success : ExitCodes.Violation;
    }

    private static List<(ScenarioFamily, int?, int?, ImplementationEntry)> Plan(IReadOnlyList<ImplementationEntry> implementations, IReadOnlyList<string> names)
    {
        var work = new List<(ScenarioFamily, int?, int?, ImplementationEntry)>();
        var parsed = names.Select(ParseScenario).ToList();
        foreach (var implementation in implementations)
        {
            var chosen = parsed.Count == 0
                ? ScenarioCatalog.For(implementation.Mechanism).Select(f => (f, (int?)null, (int?)null)).ToList()
                : parsed.Where(p => p.Family.Mechanism == implementation.Mechanism).ToList();
            work.AddRange(chosen.Select(c => (c.Item1, c.Item2, c.Item3, implementation)));
        }
        if (work.Count == 0)
        {
            throw new UsageException($"no scenario of {string.Join(", ", names)} checks {string.Join(", ", implementations.Select(MechanismNames.Format))}");
        }
        return work;
    }

    private static (ScenarioFamily Family, int? Cpus, int? Ops) ParseScenario(string name)
    {
        try
        {
            var parsed = ScenarioCatalog.Parse(name.Trim());
            if (parsed.Cpus is { } cpus && (cpus < parsed.Family.MinCpus || cpus > parsed.Family.MaxCpus || parsed.Ops < 1 || parsed.Ops > parsed.Family.MaxOps))
            {
                throw new UsageException($"scenario {parsed.Family.Name} runs on {parsed.Family.MinCpus} to {parsed.Family.MaxCpus} CPUs with 1 to {parsed.Family.MaxOps} operations");
            }
            return parsed;
        }
        catch (ArgumentException e)
        {
            throw new UsageException(Messages.OneLine(e.Message.Replace(" (Parameter 'name')", "", StringComparison.Ordinal)));
        }
    }

    private static string Strategy(string name)
    {
        try
        {
            StrategyCatalog.Create(name);
            return name;
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Replace(" (Parameter 'description')", "", StringComparison.Ordinal));
        }
    }

    private static T Error<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    /// <summary>A plain progress line at most every few seconds, on stderr.</summary>
    private sealed class Progress(TextWriter error, string what) : IProgress<ExplorationProgress>
    {
        private DateTime next = DateTime.UtcNow.AddSeconds(5);

        public void Report(ExplorationProgress value)
        {
            if (DateTime.UtcNow < next)
            {
                return;
            }
            next = DateTime.UtcNow.AddSeconds(5);
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... {what}: {value.Iterations} schedules, {Durations.Format(value.Elapsed)}"));
        }
    }
}
