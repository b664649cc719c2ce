using System.CommandLine;
using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Cli.Checks;
using Conformance.Cli.Output;

namespace Conformance.Cli.Commands;

/// <summary><c>conformance list [backends|implementations|checks|scenarios|mutants|clauses] [--json]</c>.</summary>
public static class ListCommand
{
    public static readonly IReadOnlyList<string> Kinds = ["backends", "implementations", "checks", "scenarios", "mutants", "clauses"];

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var what = new Argument<string?>("what")
        {
            Description = "What to list: backends, implementations, checks, scenarios, mutants or clauses (of the contracts, as the checks evaluate them). Default: all of them.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        what.AcceptOnlyFromAmong([.. Kinds]);
        var json = SharedOptions.Json();
        var command = new Command("list", "List the backends, the implementations in the catalog (references and mutants), the registered checks and their scenarios.")
        {
            what,
            json,
        };
        command.SetAction(parseResult =>
        {
            var console = context.ConsoleFor(parseResult);
            var chosen = parseResult.GetValue(what);
            var kinds = chosen is null ? Kinds : [chosen];
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(console.Out, kinds.ToDictionary(k => k, k => Json(context, k)));
            }
            else
            {
                for (var i = 0; i < kinds.Count; i++)
                {
                    if (kinds.Count > 1)
                    {
                        console.Out.Write(i == 0 ? "" : "\n");
                        console.Out.WriteLine(kinds[i] + ":");
                    }
                    Text(context, console, kinds[i]);
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Text(CliContext context, CliConsole console, string kind)
    {
        switch (kind)
        {
            case "backends":
                var backends = new TableView("backend", "used by", "how it runs");
                foreach (var (name, usedBy, description) in BackendDescriptions.All)
                {
                    backends.Add(name, usedBy, description);
                }
                backends.Write(console);
                break;
            case "implementations":
                Implementations(console, context.Catalog, "no implementations are in the catalog yet");
                break;
            case "mutants":
                Implementations(console, [.. context.Catalog.Where(e => e.IsMutant)], "no mutants are in the catalog yet");
                break;
            case "checks":
                Checks(console, context.Checks);
                break;
            case "scenarios":
                var scenarios = context.Checks.All.SelectMany(c => c.Scenarios.Select(s => (Check: c.Name, Scenario: s))).ToList();
                if (scenarios.Count == 0)
                {
                    console.Out.WriteLine("no scenarios yet: they come with the checks that run them");
                    break;
                }
                var table = new TableView("check", "mechanism", "scenario", "description");
                foreach (var (check, scenario) in scenarios)
                {
                    table.Add(check, MechanismNames.Format(scenario.Mechanism), scenario.Name, scenario.Description);
                }
                table.Write(console);
                break;
            case "clauses":
                var clauses = new TableView("mechanism", "clause", "what the contract says", "the seed's reading, where it differs");
                foreach (var clause in ContractClauses.All)
                {
                    clauses.Add(MechanismNames.Format(clause.Mechanism), clause.Id, clause.Statement, clause.SeedReading ?? "");
                }
                clauses.Write(console);
                console.Out.WriteLine("rule sets: kernel (the default) holds an implementation to the documented API; seed to the seed as posted (--rules)");
                break;
            default:
                throw new UsageException($"cannot list '{kind}'; expected one of: {string.Join(", ", Kinds)}");
        }
    }

    private static void Implementations(CliConsole console, IReadOnlyList<ImplementationEntry> entries, string whenEmpty)
    {
        if (entries.Count == 0)
        {
            console.Out.WriteLine(whenEmpty);
            return;
        }
        var table = new TableView("mechanism", "name", "kind", "rules", "description", "mirrors");
        foreach (var e in entries)
        {
            table.Add(MechanismNames.Format(e.Mechanism), e.Name, KindOf(e), RulesOf(e), e.Description, e.Mirrors ?? "");
        }
        table.Write(console);
    }

    private static void Checks(CliConsole console, CheckRegistry checks)
    {
        if (checks.IsEmpty)
        {
            console.Out.WriteLine("no checks are registered yet");
            return;
        }
        var table = new TableView("check", "mechanisms", "what it checks");
        foreach (var check in checks.All)
        {
            table.Add(check.Name, MechanismList(check.Mechanisms), check.Description);
        }
        table.Write(console);
        var uncovered = checks.Uncovered();
        if (uncovered.Count > 0)
        {
            console.Out.WriteLine($"no check covers {string.Join(" or ", uncovered.Select(MechanismNames.Format))} yet");
        }
    }

    /// <summary><c>kernel</c>, or <c>seed</c> with the known deviations from the kernel's rules.</summary>
    internal static string RulesOf(ImplementationEntry entry) => entry.KnownDeviations.Count == 0
        ? RuleSetNames.Name(entry.Rules)
        : $"{RuleSetNames.Name(entry.Rules)} (deviates: {string.Join(", ", entry.KnownDeviations)})";

    internal static string KindOf(ImplementationEntry entry) =>
        entry.IsMutant ? "mutant" : entry.Name == "reference" ? "reference" : "alternate";

    internal static string MechanismList(IEnumerable<Mechanism> mechanisms) =>
        string.Join(", ", mechanisms.Order().Select(MechanismNames.Format));

    private static object Json(CliContext context, string kind) => kind switch
    {
        "backends" => BackendDescriptions.All.Select(b => new { name = b.Name, usedBy = b.UsedBy, description = b.Description }).ToList(),
        "implementations" => context.Catalog.Select(ImplementationJson).ToList(),
        "mutants" => context.Catalog.Where(e => e.IsMutant).Select(ImplementationJson).ToList(),
        "checks" => context.Checks.All.Select(c => new
        {
            name = c.Name,
            description = c.Description,
            mechanisms = c.Mechanisms.Order().Select(MechanismNames.Format).ToList(),
        }).ToList(),
        "clauses" => ContractClauses.All.Select(c => new
        {
            mechanism = MechanismNames.Format(c.Mechanism),
            id = c.Id,
            statement = c.Statement,
            source = c.Source,
            seedReading = c.SeedReading,
            underConcurrency = c.UnderConcurrency,
        }).ToList(),
        "scenarios" => context.Checks.All.SelectMany(c => c.Scenarios.Select(s => new
        {
            check = c.Name,
            mechanism = MechanismNames.Format(s.Mechanism),
            name = s.Name,
            description = s.Description,
        })).ToList(),
        _ => throw new UsageException($"cannot list '{kind}'"),
    };

    internal static object ImplementationJson(ImplementationEntry e) => new
    {
        mechanism = MechanismNames.Format(e.Mechanism),
        name = e.Name,
        kind = KindOf(e),
        type = e.Type.FullName,
        description = e.Description,
        mirrors = e.Mirrors,
        rules = RuleSetNames.Name(e.Rules),
        knownDeviations = e.KnownDeviations,
    };
}
