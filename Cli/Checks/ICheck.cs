using Conformance.Catalog;

namespace Conformance.Cli.Checks;

/// <summary>
/// One kind of check the <c>check</c> command runs: model-based properties, concurrency exploration,
/// stress. Each lives in its own project and is adapted here by one small class in
/// <c>Cli/Checks/Adapters/</c> that implements this interface (and usually <see cref="IReplayer"/>); the
/// <see cref="CheckRegistry"/> finds it by reflection, so adding a check edits no list.
/// </summary>
public interface ICheck
{
    /// <summary>Short name shown in tables and accepted by <c>--check</c>: <c>properties</c>, <c>explore</c>, <c>stress</c>.</summary>
    string Name { get; }

    /// <summary>One line: what the check establishes.</summary>
    string Description { get; }

    /// <summary>The mechanisms it can check; the others are reported as not covered by it.</summary>
    IReadOnlySet<Mechanism> Mechanisms { get; }

    /// <summary>The named scenarios or workloads it runs (for <c>conformance list scenarios</c>); may be empty.</summary>
    IReadOnlyList<CheckScenario> Scenarios { get; }

    /// <summary>
    /// Runs the check against one implementation within <see cref="CheckOptions.Budget"/>. A defect of
    /// the implementation (including an exception it throws) is a <see cref="CheckVerdict.Violation"/>
    /// in the result, never an exception; an implementation that cannot be constructed surfaces as the
    /// factory's <see cref="ImplementationLoadException"/>. Reports progress now and then.
    /// </summary>
    Task<CheckResult> RunAsync(
        ImplementationEntry implementation,
        CheckOptions options,
        IProgress<CheckProgress> progress,
        CancellationToken cancellationToken);
}
