namespace Conformance.Cli.Commands;

/// <summary>The three backends of the virtual SMP platform, as <c>conformance list backends</c> shows them.</summary>
public static class BackendDescriptions
{
    public static IReadOnlyList<(string Name, string UsedBy, string Description)> All { get; } =
    [
        ("sequential", "properties", "one thread, one step at a time; the test picks the CPU, and raised IPIs and queued work wait until the sequence delivers them; fully deterministic"),
        ("threaded", "stress, benchmarks", "one OS thread per CPU; pending IPIs are taken at scheduling points and when idle; optional random delays"),
        ("controlled", "exploration", "one OS thread per CPU and worker, one running at a time; a strategy picks who runs at every platform operation, interrupt delivery included"),
    ];
}
