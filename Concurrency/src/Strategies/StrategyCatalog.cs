using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Concurrency.Strategies;

/// <summary>
/// Builds a strategy from its name or exact description: <c>random</c>, <c>probabilistic[-nN]</c>,
/// <c>pct[-dD][-kK]</c>, <c>fairpct[-dD][-kK][-fF]</c>, <c>dfs[-pP]</c>, <c>dfs-pP@path</c> (one schedule
/// of a search), <c>guided@path</c> (a minimised schedule), <c>portfolio</c>.
/// </summary>
public static partial class StrategyCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["portfolio", "random", "probabilistic", "pct", "fairpct", "dfs"];

    public static ISchedulingStrategy Create(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var match = DescriptionPattern().Match(description);
        if (!match.Success)
        {
            throw Unknown(description);
        }
        var family = match.Groups["family"].Value;
        var settings = new Dictionary<char, int>();
        foreach (Capture capture in match.Groups["setting"].Captures)
        {
            settings[capture.Value[0]] = int.Parse(capture.Value.AsSpan(1), CultureInfo.InvariantCulture);
        }
        int Setting(char key, int fallback) => settings.TryGetValue(key, out var value) ? value : fallback;
        var path = match.Groups["path"];
        var allowed = family switch
        {
            "random" or "portfolio" => "",
            "probabilistic" => "n",
            "pct" => "dk",
            "fairpct" => "dkf",
            "dfs" => "p",
            "guided" => "",
            _ => throw Unknown(description),
        };
        if (settings.Keys.Any(k => !allowed.Contains(k, StringComparison.Ordinal)) || (path.Success && family is not ("dfs" or "guided")))
        {
            throw Unknown(description);
        }
        return family switch
        {
            "random" => new RandomStrategy(),
            "portfolio" => new PortfolioStrategy(),
            "probabilistic" => new ProbabilisticStrategy(Setting('n', 3)),
            "pct" => new PctStrategy(Setting('d', 3), Setting('k', 0)),
            "fairpct" => new PctStrategy(Setting('d', 3), Setting('k', 0), Setting('f', 2000)),
            "guided" => new GuidedStrategy("guided", path.Success ? ParsePath(path.Value) : new Dictionary<int, int>()),
            _ when path.Success => new GuidedStrategy($"dfs-p{Setting('p', 2)}", ParsePath(path.Value)),
            _ => new DfsStrategy(Setting('p', 2)),
        };
    }

    private static Dictionary<int, int> ParsePath(string text) =>
        text.Split(',').Select(step => step.Split('.')).ToDictionary(
            parts => int.Parse(parts[0], CultureInfo.InvariantCulture),
            parts => int.Parse(parts[1], CultureInfo.InvariantCulture));

    private static ArgumentException Unknown(string description) => new(
        $"unknown strategy '{description}'; known: random, probabilistic[-nN], pct[-dD][-kK], fairpct[-dD][-kK][-fF], dfs[-pP], portfolio",
        nameof(description));

    [GeneratedRegex(@"^(?<family>[a-z]+)(-(?<setting>[a-z]\d{1,7}))*(@(?<path>\d+\.\d+(,\d+\.\d+)*))?$")]
    private static partial Regex DescriptionPattern();
}
