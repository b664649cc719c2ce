using Conformance.Catalog;
using Conformance.Cli.Checks;

namespace Conformance.Cli.Tests.Fakes;

/// <summary>An adapter shaped as the real ones will be: one class, parameterless, both a check and a replayer.</summary>
public sealed class DiscoverableCheck : ICheck, IReplayer
{
    public string Name => "discoverable";

    public string Description => "found by reflection";

    public IReadOnlySet<Mechanism> Mechanisms { get; } = new HashSet<Mechanism> { Mechanism.Pool };

    public IReadOnlyList<CheckScenario> Scenarios { get; } = [new("two-cpus", Mechanism.Pool, "two CPUs take from one pool")];

    public string Prefix => "disc";

    public string Form => "disc:<n>";

    public Task<CheckResult> RunAsync(
        ImplementationEntry implementation, CheckOptions options, IProgress<CheckProgress> progress, CancellationToken cancellationToken) =>
        Task.FromResult(CheckResult.Conforms(1, "cases", TimeSpan.Zero));

    public Task<CheckResult> ReplayAsync(Reproduction reproduction, ReplayContext context, CancellationToken cancellationToken) =>
        Task.FromResult(CheckResult.Conforms(1, "cases", TimeSpan.Zero));
}
