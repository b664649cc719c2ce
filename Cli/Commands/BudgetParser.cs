using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Cli.Commands;

/// <summary>
/// Reads <c>--budget</c>: a positive number with an optional unit, <c>500ms</c>, <c>30s</c>, <c>2m</c>,
/// <c>1h</c>, <c>1.5m</c>; a plain number is seconds. At most a day.
/// </summary>
public static partial class BudgetParser
{
    public const string Forms = "e.g. 30s, 2m, 500ms, 1h, or plain seconds such as 45";

    public static readonly TimeSpan Max = TimeSpan.FromDays(1);

    public static bool TryParse(string? text, out TimeSpan budget, out string error)
    {
        budget = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = $"the budget is empty; expected a duration, {Forms}";
            return false;
        }
        var match = Shape().Match(trimmed);
        if (!match.Success
            || !double.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = $"'{trimmed}' is not a duration; expected {Forms}";
            return false;
        }
        var milliseconds = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "ms" => number,
            "m" or "min" => number * 60_000,
            "h" => number * 3_600_000,
            _ => number * 1_000,
        };
        if (milliseconds < 1)
        {
            error = $"the budget '{trimmed}' is {(number == 0 ? "zero" : "under a millisecond")}; give a positive duration, {Forms}";
            return false;
        }
        if (milliseconds > Max.TotalMilliseconds)
        {
            error = $"the budget '{trimmed}' is longer than a day; give at most 24h";
            return false;
        }
        budget = TimeSpan.FromMilliseconds(Math.Round(milliseconds));
        error = "";
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var budget, out var error) ? budget : throw new UsageException(error);

    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?|\.\d+)\s*(?<unit>ms|s|sec|m|min|h)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
