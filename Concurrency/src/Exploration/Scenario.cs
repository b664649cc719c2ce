using Conformance.Smp;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// A small multi-CPU program explored under the controlled scheduler. <see cref="Build"/> makes fresh
/// state on the iteration's platform (it runs on the harness thread: create words, locks and
/// implementations there, but run platform operations only in the setup or the programs).
/// </summary>
public sealed record Scenario(string Name, int CpuCount, Func<Platform, ScenarioRun> Build)
{
    /// <summary>The implementation under test, as named in reproduction strings.</summary>
    public string Implementation { get; init; } = "-";

    public int WorkerCount { get; init; } = 1;

    /// <summary>Scheduling points one iteration may take.</summary>
    public long StepBound { get; init; } = Controlled.ControlledPlatform.DefaultStepBound;
}
