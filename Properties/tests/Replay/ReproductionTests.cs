using Conformance.Catalog;
using Xunit;

namespace Conformance.Properties.Tests;

public sealed class ReproductionTests
{
    [Fact]
    public void A_line_round_trips()
    {
        var line = new Reproduction(Mechanism.CrossCall, "ipi-no-csd-lock", ConformanceLevel.Strict, 123, 457, 9);
        Assert.Equal("prop:crosscall:ipi-no-csd-lock:strict:123:457:9", line.ToString());
        Assert.Equal(line, Reproduction.Parse(line.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("prop:allocator:reference:contract:1:2")]
    [InlineData("explore:allocator:reference:contract:1:2:3")]
    [InlineData("prop:heap:reference:contract:1:2:3")]
    [InlineData("prop:allocator:reference:lenient:1:2:3")]
    [InlineData("prop:allocator::contract:1:2:3")]
    [InlineData("prop:allocator:reference:contract:-1:2:3")]
    [InlineData("prop:allocator:reference:contract:1:2:x")]
    public void A_malformed_line_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => Reproduction.Parse(text));
        Assert.False(Reproduction.TryParse(text, out _));
    }
}
