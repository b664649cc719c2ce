using Conformance.Catalog;

namespace Conformance.Cli.Checks;

/// <summary>A named scenario a check runs, e.g. two CPUs racing cross-calls at a third.</summary>
public sealed record CheckScenario(string Name, Mechanism Mechanism, string Description);
