using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Reports;
using Conformance.Concurrency.Scenarios;
using Conformance.Implementation.Tests.Allocator.Broken;
using Xunit;
using Xunit.Abstractions;

namespace Conformance.Concurrency.Tests.Oracles;

/// <summary>
/// Exploration rejects a one-line defect against each allocator clause, its oracle naming the clause:
/// the ledger judges each hand-out and free as it returns and every NULL at quiescence.
/// </summary>
public sealed class BrokenAllocatorExplorationTests(ITestOutputHelper output)
{
    private const ulong Seed = 3;

    /// <summary>Variant, scenario, iteration cap, the clause ids its failure may name.</summary>
    public static TheoryData<Type, string, long, string> Variants => new()
    {
        { typeof(SetMapOneShort), "alloc-free", 50, "overlap" },
        { typeof(ZeroesUnitsNotBytes), "alloc-free", 50, "zeroed" },
        { typeof(BigNotZeroed), "alloc-big-words", 200, "zeroed" },
        { typeof(AlignCappedAt16), "alloc-big-words", 50, "placement" },
        { typeof(ExactFitRefused), "alloc-big-words", 200, "null-only-when-full" },
        { typeof(FreeZeroSizeThrows), "alloc-big-words", 50, "zero-size" },
        { typeof(HugeAlignClamped), "alloc-big-words", 50, "bad-input" },
        { typeof(FreeUnmarksOneUnit), "alloc-free", 50, "shadow" },
        { typeof(RunIgnoresWordEnd), "alloc-big-words", 200, "overlap|null-only-when-full" },
        { typeof(WholeWordMaskOverflows), "alloc-big-words", 200, "overlap|null-only-when-full" },
        { typeof(ScanStopsBeforeLastWord), "alloc-big-words", 200, "null-only-when-full|overlap" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Exploration_rejects_the_defect_naming_its_clause(Type variant, string scenario, long iterations, string clauses)
    {
        var entry = ImplementationCatalog.Describe(variant);
        var concrete = ScenarioCatalog.Create(scenario, entry);

        var result = Explorer.Explore(concrete, new ExplorationOptions { Seed = Seed, Iterations = iterations, Minimise = false, TraceValues = false });

        Assert.False(result.Passed, $"{entry.Name} survived {result.Iterations} iteration(s) of {concrete.Name}");
        output.WriteLine($"{entry.Name} on {concrete.Name}: found after {result.Iterations} iteration(s)");
        output.WriteLine(FailureReport.Render(result, concrete.CpuCount));
        var signature = FailureSignature.Of(result.Failure!.Error!);
        Assert.Contains(signature, clauses.Split('|').Select(c => $"{nameof(OracleViolationException)}:{c}"));
    }
}
