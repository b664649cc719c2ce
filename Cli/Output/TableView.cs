using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Conformance.Cli.Output;

/// <summary>A table of text cells, drawn with Spectre.Console when rich and as aligned columns when plain.</summary>
public sealed class TableView(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public IReadOnlyList<string> Headers { get; } = headers;

    public IReadOnlyList<IReadOnlyList<string>> Rows => rows;

    public TableView Add(params string[] cells)
    {
        if (cells.Length != Headers.Count)
        {
            throw new ArgumentException($"a row of this table has {Headers.Count} cells, not {cells.Length}", nameof(cells));
        }
        rows.Add(cells);
        return this;
    }

    public void Write(CliConsole console)
    {
        if (console.Rich)
        {
            WriteRich(console.Out);
        }
        else
        {
            console.Out.Write(ToPlainText());
        }
    }

    /// <summary>Columns padded to their widest cell, two spaces apart, a rule under the headers.</summary>
    public string ToPlainText()
    {
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        AppendLine(text, Headers, widths);
        AppendLine(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            AppendLine(text, row, widths);
        }
        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            line.Append(i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private void WriteRich(TextWriter writer)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in Headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Cell));
        }
        SpectreConsoles.For(writer).Write(table);
    }

    private static IRenderable Cell(string text) => text switch
    {
        "conforms" => new Text(text, new Style(Color.Green)),
        "VIOLATION" or "error" => new Text(text, new Style(Color.Red, decoration: Decoration.Bold)),
        _ => new Text(text),
    };
}
