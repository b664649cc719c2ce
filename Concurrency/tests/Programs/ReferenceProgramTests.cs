using Conformance.Catalog;
using Conformance.Concurrency.Programs;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Concurrency.Tests.Programs;

/// <summary>The references pass a bounded run of generated programs, each held to the rule set it claims.</summary>
public sealed class ReferenceProgramTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Mechanism.CrossCall)]
    [InlineData(Mechanism.Pool)]
    [InlineData(Mechanism.Allocator)]
    public void The_reference_passes_generated_programs(Mechanism mechanism)
    {
        var reference = ImplementationCatalog.Find(mechanism, "reference");
        var options = new ProgramExplorationOptions { Seed = 20261204, Programs = 16, SchedulesPerProgram = 8 };

        var result = ProgramExplorer.Explore(reference, reference.Rules, options);

        Assert.True(result.Passed, result.Reproduction is { } line ? ProgramReport.Render(result.Failure!.Failure!, line, result.Drawn) : "");
        Assert.Equal(16, result.Programs);
        Assert.Equal(16 * 8, result.Schedules);
        output.WriteLine($"{mechanism}: {result.Programs} programs, {result.Schedules} schedules in {result.Elapsed.TotalMilliseconds:0} ms");
    }
}
