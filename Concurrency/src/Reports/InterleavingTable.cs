using System.Text;
using Conformance.Concurrency.Controlled;

namespace Conformance.Concurrency.Reports;

/// <summary>
/// Renders a traced run as a table with one column per CPU and worker, one row per event in the order
/// they happened: operations as they begin and return, shared reads and writes with their values,
/// interrupts, and <c>switch</c> markers with their reason (Lincheck's report layout).
/// </summary>
public static class InterleavingTable
{
    private const int MaxColumnWidth = 60;

    public static string Render(ScheduleTrace trace, int cpuCount, int maxRows = 300)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var events = trace.Events;
        if (events.Count == 0)
        {
            return "(no events were traced)";
        }
        var columns = events.Select(e => e.Context).Distinct().Order().ToList();
        var rows = events.Count > maxRows ? events.Skip(events.Count - maxRows).ToList() : events.ToList();
        var cells = rows.Select(Text).ToList();
        var width = columns.ToDictionary(c => c, c => Math.Min(MaxColumnWidth, Math.Max(Name(c, cpuCount).Length,
            rows.Select((e, i) => e.Context == c ? cells[i].Length : 0).DefaultIfEmpty(0).Max())));

        var sb = new StringBuilder();
        AppendRow(sb, columns, width, c => Name(c, cpuCount));
        AppendRow(sb, columns, width, c => new string('-', width[c]));
        if (rows.Count < events.Count)
        {
            AppendRow(sb, columns, width, c => c == columns[0] ? $"... {events.Count - rows.Count} earlier events" : "");
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var text = cells[i];
            AppendRow(sb, columns, width, c => c == row.Context ? text : "");
        }
        return sb.ToString();
    }

    private static string Text(TraceEvent e) => e.Kind switch
    {
        TraceEventKind.Switch => $"~ switch: {e.Text}",
        TraceEventKind.Interrupt => $">> {e.Text}",
        TraceEventKind.Operation => $"* {e.Text}",
        _ => $"  {e.Text}",
    };

    private static string Name(int context, int cpuCount) =>
        context < cpuCount ? $"CPU{context}" : $"worker{context - cpuCount}";

    private static void AppendRow(StringBuilder sb, List<int> columns, Dictionary<int, int> width, Func<int, string> cell)
    {
        sb.Append('|');
        foreach (var column in columns)
        {
            var text = cell(column);
            if (text.Length > width[column])
            {
                text = string.Concat(text.AsSpan(0, width[column] - 3), "...");
            }
            sb.Append(' ').Append(text.PadRight(width[column])).Append(" |");
        }
        sb.AppendLine();
    }
}
