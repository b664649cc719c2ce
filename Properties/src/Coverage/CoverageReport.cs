using System.Globalization;
using System.Text;

namespace Conformance.Properties;

/// <summary>
/// How often each event occurred (in how many cases) and the operation mix of a property run, with the
/// minimums the run is held to. <see cref="Shortfalls"/> lists every relied-on event below its minimum.
/// </summary>
public sealed class CoverageReport(
    int cases,
    IReadOnlyDictionary<string, int> eventCases,
    IReadOnlyDictionary<string, int> operations,
    IReadOnlyList<EventMinimum> minimums)
{
    public int Cases { get; } = cases;

    /// <summary>For each event, how many cases saw it at least once.</summary>
    public IReadOnlyDictionary<string, int> EventCases { get; } = eventCases;

    /// <summary>For each kind of operation, how many were run in all.</summary>
    public IReadOnlyDictionary<string, int> Operations { get; } = operations;

    public IReadOnlyList<EventMinimum> Minimums { get; } = minimums;

    public double Percent(string name) => Cases == 0 ? 0 : 100.0 * EventCases.GetValueOrDefault(name) / Cases;

    /// <summary>The relied-on events that occurred in fewer cases than their minimum.</summary>
    public IReadOnlyList<string> Shortfalls =>
        Minimums.Where(m => Percent(m.Event) < m.MinimumPercent)
            .Select(m => string.Create(CultureInfo.InvariantCulture,
                $"{m.Event}: {Percent(m.Event):0.0}% of cases, minimum {m.MinimumPercent:0.#}% ({m.Why})"))
            .ToList();

    /// <summary>The table: events with their share of cases and minimum, then the operation mix.</summary>
    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"  {"event",-40} {"cases",7} {"share",7} {"minimum",8}");
        var names = Minimums.Select(m => m.Event).Concat(EventCases.Keys.Order(StringComparer.Ordinal)).Distinct();
        foreach (var name in names)
        {
            var minimum = Minimums.FirstOrDefault(m => m.Event == name);
            var min = minimum is null ? "" : minimum.MinimumPercent.ToString("0.#", CultureInfo.InvariantCulture) + "%";
            var flag = minimum is not null && Percent(name) < minimum.MinimumPercent ? "  << below minimum" : "";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"  {name,-40} {EventCases.GetValueOrDefault(name),7} {Percent(name),6:0.0}% {min,8}{flag}");
        }
        var total = Operations.Values.Sum();
        sb.AppendLine(CultureInfo.InvariantCulture, $"  {"operation",-40} {"count",7} {"share",7}");
        foreach (var (name, count) in Operations.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {name,-40} {count,7} {(total == 0 ? 0 : 100.0 * count / total),6:0.0}%");
        }
        return sb.ToString();
    }
}
