using Conformance.Cli.Checks;

namespace Conformance.Cli.Tests.Checks;

public sealed class ReproductionTests
{
    [Theory]
    [InlineData("prop:allocator/reference:12,34,5", "prop", "allocator/reference:12,34,5")]
    [InlineData("explore:crosscall/ipi-requeue-at-tail:seed=7:trace=0.1.1", "explore", "crosscall/ipi-requeue-at-tail:seed=7:trace=0.1.1")]
    [InlineData("  stress:pool/reference:99  ", "stress", "pool/reference:99")]
    [InlineData("x-2:a b", "x-2", "a b")]
    public void SplitsAtTheFirstColon(string text, string prefix, string details)
    {
        var reproduction = Reproduction.Parse(text);

        Assert.Equal(new Reproduction(prefix, details), reproduction);
        Assert.Equal($"{prefix}:{details}", reproduction.ToString());
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("noprefix", "malformed reproduction string \"noprefix\"")]
    [InlineData("PROP:1", "malformed")]
    [InlineData("1prop:1", "malformed")]
    [InlineData("prop:", "malformed")]
    public void RejectsWhatHasNoPrefix(string text, string message)
    {
        var e = Assert.Throws<ReproductionFormatException>(() => Reproduction.Parse(text));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains(Reproduction.GeneralForm, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongStringsAreCutInMessages()
    {
        var text = new string('z', 500);

        var e = Assert.Throws<ReproductionFormatException>(() => Reproduction.Parse(text));

        Assert.True(e.Message.Length < 200, e.Message);
        Assert.Contains("zzz...", e.Message, StringComparison.Ordinal);
    }
}
