using Conformance.Cli.Commands;

namespace Conformance.Cli.Tests.Commands;

public sealed class BudgetParserTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("500ms", 500)]
    [InlineData("45", 45_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData(" 10s ", 10_000)]
    [InlineData("10 s", 10_000)]
    [InlineData("3MIN", 180_000)]
    [InlineData(".5s", 500)]
    [InlineData("24h", 86_400_000)]
    public void ReadsEveryForm(string text, long milliseconds)
    {
        Assert.True(BudgetParser.TryParse(text, out var budget, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), budget);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("", "the budget is empty")]
    [InlineData(null, "the budget is empty")]
    [InlineData("soon", "'soon' is not a duration; expected e.g. 30s")]
    [InlineData("10x", "'10x' is not a duration")]
    [InlineData("-1s", "'-1s' is not a duration")]
    [InlineData("1,5s", "'1,5s' is not a duration")]
    [InlineData("0", "is zero")]
    [InlineData("0ms", "is zero")]
    [InlineData("0.1ms", "under a millisecond")]
    [InlineData("25h", "longer than a day")]
    public void RejectsWithAMessageThatShowsTheForms(string? text, string message)
    {
        Assert.False(BudgetParser.TryParse(text, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseThrowsAUsageError()
    {
        var e = Assert.Throws<UsageException>(() => BudgetParser.Parse("later"));
        Assert.Contains("'later' is not a duration", e.Message, StringComparison.Ordinal);
    }
}
