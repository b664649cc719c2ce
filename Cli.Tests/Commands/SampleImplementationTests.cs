using Conformance.Catalog;

namespace Conformance.Cli.Tests.Commands;

/// <summary>
/// <c>conformance check --impl &lt;dll&gt;</c> on the sample under <c>samples/</c>, a user's assembly built apart
/// from the suite, with the shipped checks; seeded, at the quick level, within a small budget.
/// </summary>
public sealed class SampleImplementationTests
{
    private const string SampleType = "Samples.PerTargetCrossCall.PerTargetCrossCall";

    private static string Sample
    {
        get
        {
            var path = CliHarness.SampleAssembly;
            Assert.True(File.Exists(path), $"the build should have copied the sample to {path}");
            return path;
        }
    }

    [Fact]
    public async Task TheSampleConformsToEveryShippedCheck()
    {
        var outcome = await CliHarness.Shipped().RunAsync(
            "check", "--impl", Sample, "--type", SampleType, "--level", "quick", "--seed", "1", "--budget", "4s");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains($"implementations: crosscall/{SampleType}", outcome.Out, StringComparison.Ordinal);
        Assert.Matches($@"crosscall/{SampleType}\s+explore\s+kernel\s+conforms\s+\d+ schedules", outcome.Out);
        Assert.Matches($@"crosscall/{SampleType}\s+programs\s+kernel\s+conforms\s+\d+ schedules", outcome.Out);
        Assert.Matches($@"crosscall/{SampleType}\s+properties\s+kernel\s+conforms\s+100 cases", outcome.Out);
        Assert.Matches($@"crosscall/{SampleType}\s+stress\s+kernel\s+conforms\s+\d+ runs", outcome.Out);
        Assert.Contains("conforms: 4 check runs, no violation (seed 1)", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutATypeTheAssemblysOnlyImplementationIsChecked()
    {
        var outcome = await CliHarness.Shipped().RunAsync("check", "--impl", Sample, "--only", "properties", "--level", "quick", "--seed", "2");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains($"implementations: crosscall/{SampleType}", outcome.Out, StringComparison.Ordinal);
        Assert.Matches($@"crosscall/{SampleType}\s+properties\s+kernel\s+conforms\s+100 cases", outcome.Out);
    }

    [Fact]
    public async Task ATypeTheSampleDoesNotHoldIsBadInputThatNamesTheImplementation()
    {
        var outcome = await CliHarness.Shipped().RunAsync("check", "--impl", Sample, "--type", "Samples.PerTargetCrossCall.Missing");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(
            [$"error: type 'Samples.PerTargetCrossCall.Missing' not found in Samples.PerTargetCrossCall.dll; implementations there: {SampleType}"],
            outcome.ErrorLines);
        Assert.Equal("", outcome.Out);
    }

    [Fact]
    public async Task AHelperTypeOfTheSampleIsNotAnImplementation()
    {
        var outcome = await CliHarness.Shipped().RunAsync("check", "--impl", Sample, "--type", "Samples.PerTargetCrossCall.CallSingleData");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(
            ["error: Samples.PerTargetCrossCall.CallSingleData implements none of the contracts (IPerCpuAllocator, IPercpuPool, ICrossCall)"],
            outcome.ErrorLines);
    }

    [Fact]
    public async Task TheSampleAskedForAsAnotherMechanismIsBadUsage()
    {
        var outcome = await CliHarness.Shipped().RunAsync("check", "-m", "pool", "--impl", Sample);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal([$"error: {SampleType} implements the crosscall contract, not pool"], outcome.ErrorLines);
    }

    /// <summary>The sample is not marked [Implementation] and lives in its own assembly: only its path finds it.</summary>
    [Fact]
    public async Task TheSampleIsNotInTheCatalogEvenAfterItWasLoaded()
    {
        var harness = CliHarness.Shipped();
        var loaded = await harness.RunAsync("check", "--impl", Sample, "--only", "properties", "--level", "quick", "--seed", "3");
        Assert.True(loaded.ExitCode == 0, loaded.ToString());

        Assert.DoesNotContain(ImplementationCatalog.All, e => e.Type.Assembly.GetName().Name == "Samples.PerTargetCrossCall");
        var list = await harness.RunAsync("list", "implementations");
        Assert.Equal(0, list.ExitCode);
        Assert.DoesNotContain("PerTargetCrossCall", list.Out, StringComparison.Ordinal);
        var byName = await harness.RunAsync("check", "--impl", "PerTargetCrossCall");
        Assert.Equal(2, byName.ExitCode);
        Assert.StartsWith("error: no implementation called 'PerTargetCrossCall'", Assert.Single(byName.ErrorLines), StringComparison.Ordinal);
    }
}
