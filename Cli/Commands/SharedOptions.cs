using System.CommandLine;
using System.Globalization;
using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Cli.Checks;
using Conformance.Contracts;

namespace Conformance.Cli.Commands;

/// <summary>Options more than one command takes; each call makes a fresh option for one command.</summary>
public static class SharedOptions
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(10);

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write the result as JSON on stdout (progress and errors stay on stderr).",
    };

    public static Option<Mechanism?> Mechanism() => new("--mechanism", "-m")
    {
        Description = $"Only this mechanism: {string.Join(", ", MechanismNames.All)}.",
        HelpName = "mechanism",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (MechanismNames.TryParse(text, out var mechanism))
            {
                return mechanism;
            }
            result.AddError($"unknown mechanism '{text}'; expected one of: {string.Join(", ", MechanismNames.All)}");
            return null;
        },
    };

    public static Option<string?> Impl() => new("--impl", "-i")
    {
        Description = "The implementation: a name from 'conformance list implementations' (a reference or a mutant), "
            + "or the path of your own assembly (.dll) together with --type. Default: the reference of every mechanism.",
        HelpName = "name|path.dll",
    };

    public static Option<string?> Type() => new("--type", "-t")
    {
        Description = "With --impl <path.dll>: the full name of the class that implements a contract "
            + "(optional when the assembly holds only one).",
        HelpName = "Full.Type.Name",
    };

    public static Option<ulong?> Seed() => new("--seed", "-s")
    {
        Description = "The run's seed; every random choice derives from it. Default: a fresh one, printed so the run can be repeated.",
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
            {
                return seed;
            }
            result.AddError($"--seed takes a whole number from 0 to {ulong.MaxValue}, not '{text}'");
            return null;
        },
    };

    public static Option<TimeSpan?> Budget() => new("--budget", "-b")
    {
        Description = $"Time for each check on each implementation, {BudgetParser.Forms}. Default: {(int)DefaultBudget.TotalSeconds}s.",
        HelpName = "duration",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (BudgetParser.TryParse(text, out var budget, out var error))
            {
                return budget;
            }
            result.AddError("--budget: " + error);
            return null;
        },
    };

    public static Option<RuleSet?> Rules() => new("--rules")
    {
        Description = "The rule set for the clauses where the seed and the kernel's documented API differ (the cross-call wait, the pool's bound on nr): "
            + "kernel or seed. Default: the one each implementation claims (the seed's references and their mutants claim seed; anything else is held to kernel). "
            + "Under seed, a clause broken only under kernel is reported as a deviation with its line, not as a violation.",
        HelpName = "kernel|seed",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            try
            {
                return RuleSetNames.Parse(text);
            }
            catch (FormatException e)
            {
                result.AddError("--rules: " + e.Message);
                return null;
            }
        },
    };

    public static Option<CheckLevel?> Level() => new("--level", "-l")
    {
        Description = "How deep each check goes within its budget: quick, standard or thorough. Default: standard.",
        HelpName = "level",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            foreach (var level in Enum.GetValues<CheckLevel>())
            {
                if (string.Equals(level.ToString(), text, StringComparison.OrdinalIgnoreCase))
                {
                    return level;
                }
            }
            result.AddError($"unknown level '{text}'; expected quick, standard or thorough");
            return null;
        },
    };
}
