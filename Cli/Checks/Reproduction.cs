using System.Text.RegularExpressions;

namespace Conformance.Cli.Checks;

/// <summary>
/// A reproduction string split at its first colon: <c>&lt;prefix&gt;:&lt;details&gt;</c>. The prefix names
/// the check that printed it; the details are that check's own business.
/// </summary>
public sealed partial record Reproduction(string Prefix, string Details)
{
    /// <summary>The general form, for messages.</summary>
    public const string GeneralForm = "<check>:<details>";

    /// <summary>Splits <paramref name="text"/>; a string without a well-formed prefix is a <see cref="ReproductionFormatException"/>.</summary>
    public static Reproduction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new ReproductionFormatException($"the reproduction string is empty; expected {GeneralForm}");
        }
        var match = Shape().Match(trimmed);
        if (!match.Success)
        {
            throw new ReproductionFormatException(
                $"malformed reproduction string \"{Abbreviate(trimmed)}\": expected {GeneralForm}, where <check> is lower-case letters, digits or '-'");
        }
        return new Reproduction(match.Groups["prefix"].Value, match.Groups["details"].Value);
    }

    public override string ToString() => $"{Prefix}:{Details}";

    /// <summary>Long strings (traces) are cut in messages so the message stays one line.</summary>
    internal static string Abbreviate(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex("^(?<prefix>[a-z][a-z0-9-]*):(?<details>.+)$", RegexOptions.Singleline)]
    private static partial Regex Shape();
}
