using System.Text.RegularExpressions;

namespace Conformance.Cli.Output;

/// <summary>Quotes a word for a POSIX shell so a printed command can be pasted as it is.</summary>
public static partial class ShellQuote
{
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && Safe().IsMatch(word) ? word : "'" + word.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_./:,=+@%-]+$")]
    private static partial Regex Safe();
}
