using Conformance.Contracts;

namespace Conformance.Clauses;

/// <summary>
/// How a rule set is written where users type it (<c>--rules kernel|seed</c>) and inside reproduction
/// strings: the implementation field carries <c>@seed</c> when the run held it to the seed's rules
/// (<c>reference@seed</c>), and nothing for the kernel's, the default, so a string means one run whatever
/// rule set the implementation claims.
/// </summary>
public static class RuleSetNames
{
    private const char Separator = '@';

    public static string Name(RuleSet rules) => rules switch
    {
        RuleSet.Kernel => "kernel",
        RuleSet.Seed => "seed",
        _ => throw new ArgumentOutOfRangeException(nameof(rules), rules, "not a rule set"),
    };

    /// <summary><c>kernel</c> or <c>seed</c>; anything else is a <see cref="FormatException"/>.</summary>
    public static RuleSet Parse(string name) => name switch
    {
        "kernel" => RuleSet.Kernel,
        "seed" => RuleSet.Seed,
        _ => throw new FormatException($"'{name}' is not a rule set; expected kernel or seed"),
    };

    /// <summary>The implementation field of a reproduction string: the name, with <c>@seed</c> under the seed's rules.</summary>
    public static string Qualify(string implementation, RuleSet rules) =>
        rules == RuleSet.Kernel ? implementation : $"{implementation}{Separator}{Name(rules)}";

    /// <summary>Splits an implementation field into the name and the rule set (the kernel's when none is written).</summary>
    public static (string Implementation, RuleSet Rules) Split(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var at = field.LastIndexOf(Separator);
        return at < 0 ? (field, RuleSet.Kernel) : (field[..at], Parse(field[(at + 1)..]));
    }
}
