using Conformance.Cli.Output;

namespace Conformance.Cli.Tests.Output;

public sealed class TableViewTests
{
    [Fact]
    public void PlainTextAlignsColumnsUnderARule()
    {
        var table = new TableView("check", "verdict").Add("properties", "conforms").Add("x", "VIOLATION");

        Assert.Equal(
            "check       verdict\n"
            + "----------  ---------\n"
            + "properties  conforms\n"
            + "x           VIOLATION\n",
            table.ToPlainText());
    }

    [Fact]
    public void ARowOfTheWrongWidthIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new TableView("a", "b").Add("only one"));
    }

    [Fact]
    public void PlainConsoleGetsPlainText()
    {
        var writer = new StringWriter();
        new TableView("a").Add("[red]markup stays text[/]").Write(new CliConsole(writer, TextWriter.Null, rich: false));

        Assert.Equal("a\n-------------------------\n[red]markup stays text[/]\n", writer.ToString());
    }

    [Theory]
    [InlineData("explore:crosscall/reference:seed=9", "explore:crosscall/reference:seed=9")]
    [InlineData("prop:a b", "'prop:a b'")]
    [InlineData("it's", @"'it'\''s'")]
    [InlineData("", "''")]
    public void ShellQuoteLeavesSafeWordsAlone(string word, string quoted) => Assert.Equal(quoted, ShellQuote.Quote(word));

    [Theory]
    [InlineData(850, "850ms")]
    [InlineData(12_340, "12.3s")]
    [InlineData(125_000, "2m05s")]
    public void DurationsAreShort(int milliseconds, string text) => Assert.Equal(text, Durations.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void ErrorsStayOnOneLine() => Assert.Equal("a b c", Messages.OneLine(" a\n\tb\r\n c "));
}
