using Conformance.Catalog;
using Conformance.Stress.Tests.Mutants;
using Xunit;

namespace Conformance.Stress.Tests;

[Collection(StressCollection.Name)]
public class StressReproductionTests
{
    [Fact]
    public void A_line_round_trips()
    {
        var line = new StressReproduction(Mechanism.CrossCall, "ipi-no-csd-lock", 42, 6, 5000, false);

        Assert.Equal("stress:crosscall:ipi-no-csd-lock:42:6:5000:0", line.ToString());
        Assert.Equal(line, StressReproduction.Parse(line.ToString()));
        var options = line.ToOptions();
        Assert.Equal((42UL, 6, 5000, false), (options.Seed, options.Cpus, options.Operations, options.Chaos));
    }

    [Theory]
    [InlineData("stress:pool:reference:1:4:100")]
    [InlineData("explore:pool:reference:1:4:100:1")]
    [InlineData("stress:heap:reference:1:4:100:1")]
    [InlineData("stress:pool::1:4:100:1")]
    [InlineData("stress:pool:reference:-1:4:100:1")]
    [InlineData("stress:pool:reference:1:1:100:1")]
    [InlineData("stress:pool:reference:1:4:0:1")]
    [InlineData("stress:pool:reference:1:4:100:yes")]
    public void A_malformed_line_is_a_format_exception_that_shows_the_form(string text)
    {
        var error = Assert.Throws<FormatException>(() => StressReplay.Run(text));

        Assert.Contains(StressReproduction.Form, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_reruns_the_line_of_a_catalog_implementation()
    {
        var result = StressReplay.Run("stress:pool:reference@seed:7:4:400:1");

        Assert.True(result.Verdict == StressVerdict.Passed, result.Report ?? result.ToString());
        Assert.Equal("stress:pool:reference@seed:7:4:400:1", result.Reproduction);
        Assert.Equal(7UL, result.Options.Seed);
    }

    [Fact]
    public void Replay_finds_a_type_by_its_full_name_or_takes_the_one_given()
    {
        var name = typeof(RenamedPool).FullName;
        var line = $"stress:pool:{name}:3:4:400:1";

        var found = StressReplay.Run(line);
        var given = StressReplay.Run("stress:pool:my-pool:3:4:400:1", typeof(RenamedPool));

        Assert.Equal(typeof(RenamedPool), found.Implementation.Type);
        Assert.Equal(line, found.Reproduction);
        Assert.Equal("stress:pool:my-pool:3:4:400:1", given.Reproduction);
    }

    [Fact]
    public void Replay_with_a_type_of_another_mechanism_is_refused()
    {
        Assert.Throws<ImplementationLoadException>(() =>
            StressReplay.Run("stress:allocator:reference:1:4:100:1", typeof(RenamedPool)));
        Assert.Throws<ImplementationLoadException>(() => StressReplay.Run("stress:allocator:no-such-allocator:1:4:100:1"));
    }
}
