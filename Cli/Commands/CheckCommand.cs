using System.CommandLine;
using System.Security.Cryptography;
using Conformance.Cli.Checks;
using Conformance.Cli.Implementations;
using Conformance.Cli.Output;

namespace Conformance.Cli.Commands;

/// <summary>
/// <c>conformance check</c>: every registered check (or those given with <c>--only</c>) on the chosen
/// implementations; a table of results, then each failure with its report and reproduction string.
/// </summary>
public static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mechanism = SharedOptions.Mechanism();
        var impl = SharedOptions.Impl();
        var type = SharedOptions.Type();
        var seed = SharedOptions.Seed();
        var budget = SharedOptions.Budget();
        var level = SharedOptions.Level();
        var json = SharedOptions.Json();
        var rules = SharedOptions.Rules();
        var strict = new Option<bool>("--strict")
        {
            Description = "Hold every implementation to the properties' strict level as well (the seed's exact policy: cpu_alloc's first fit, "
                + "the pool's refill trigger, the seed's queues), not only the catalog's own. For an implementation of the seed's algorithm.",
        };
        var only = new Option<string[]>("--only")
        {
            Description = "Run only this check (repeatable); see 'conformance list checks'.",
            HelpName = "check",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("check", "Run every registered check on the chosen implementations (default: the reference of every mechanism) and report the verdict of each.")
        {
            mechanism, impl, type, seed, budget, level, rules, strict, only, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new CheckRequest(
                parseResult.GetValue(mechanism),
                parseResult.GetValue(impl),
                parseResult.GetValue(type),
                parseResult.GetValue(seed) ?? FreshSeed(),
                parseResult.GetValue(budget) ?? SharedOptions.DefaultBudget,
                parseResult.GetValue(level) ?? CheckLevel.Standard,
                parseResult.GetValue(only) ?? [],
                parseResult.GetValue(json),
                parseResult.GetValue(context.Verbose))
            {
                Rules = parseResult.GetValue(rules),
                Strict = parseResult.GetValue(strict),
            };
            return RunAsync(context, context.ConsoleFor(parseResult), request, cancellationToken);
        });
        return command;
    }

    /// <summary>A seed for a run the user did not seed: printed with the results so it can be repeated.</summary>
    public static ulong FreshSeed() => (ulong)RandomNumberGenerator.GetInt32(1, int.MaxValue);

    private static async Task<int> RunAsync(CliContext context, CliConsole console, CheckRequest request, CancellationToken cancellationToken)
    {
        var selection = ImplementationSelector.Select(context.Catalog, request.Mechanism, request.Impl, request.Type);
        if (selection.Entries.Count == 0 && request.Mechanism is not null)
        {
            throw new UsageException(selection.Notes[0]);
        }
        var checks = ChooseChecks(context.Checks, request.Only);
        var options = new CheckOptions(request.Budget, request.Seed, request.Level, request.Rules, request.Strict);
        var report = new CheckReport(console, context, request, selection, checks);
        report.Header(options);
        if (checks.Count == 0)
        {
            return report.NothingChecked("no checks are registered yet: nothing was checked.");
        }
        if (selection.Entries.Count == 0)
        {
            return report.NothingChecked("no implementation to check: nothing was checked.");
        }
        if (!selection.Entries.Any(e => checks.Any(c => c.Mechanisms.Contains(e.Mechanism))))
        {
            var mechanisms = selection.Entries.Select(e => e.Mechanism).Distinct();
            return report.NothingChecked($"no registered check covers {ListCommand.MechanismList(mechanisms)} yet: nothing was checked.");
        }
        var board = new ProgressBoard();
        var runs = await context.ProgressFor(console).RunAsync(
            board, () => CheckRunner.RunAsync(selection.Entries, checks, options, board, cancellationToken));
        return report.Results(runs);
    }

    private static IReadOnlyList<ICheck> ChooseChecks(CheckRegistry registry, IReadOnlyList<string> only)
    {
        if (only.Count == 0)
        {
            return registry.All;
        }
        var chosen = new List<ICheck>();
        foreach (var name in only)
        {
            var check = registry.Find(name.Trim())
                ?? throw new UsageException(registry.IsEmpty
                    ? $"no check called '{name}': no checks are registered yet"
                    : $"no check called '{name}'; registered: {string.Join(", ", registry.All.Select(c => c.Name))}");
            if (!chosen.Contains(check))
            {
                chosen.Add(check);
            }
        }
        return chosen;
    }
}
