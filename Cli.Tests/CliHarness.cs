using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Commands;
using Conformance.Cli.Output;
using Conformance.Cli.Tests.Fakes;

namespace Conformance.Cli.Tests;

/// <summary>Runs the command in-process over string writers, with the checks, replayers and catalog a test gives.</summary>
public sealed class CliHarness
{
    public static readonly ImplementationEntry Reference =
        new("reference", Mechanism.CrossCall, typeof(DirectCrossCall), "test stand-in for the reference", null);

    public static readonly ImplementationEntry Mutant =
        new("lost-ipi", Mechanism.CrossCall, typeof(DirectCrossCall), "test stand-in for a mutant", "a test commit");

    public List<ICheck> Checks { get; } = [];

    public List<IReplayer> Replayers { get; } = [];

    public List<ImplementationEntry> Catalog { get; } = [];

    /// <summary>The path of this test assembly, which holds the fake implementations.</summary>
    public static string TestAssembly => typeof(CliHarness).Assembly.Location;

    /// <summary>
    /// The sample implementation's assembly (<c>samples/PerTargetCrossCall</c>), which the build copies
    /// beside the tests under <c>samples/</c> without referencing it.
    /// </summary>
    public static string SampleAssembly => Path.Combine(AppContext.BaseDirectory, "samples", "Samples.PerTargetCrossCall.dll");

    /// <summary>A harness with the shipped checks, replayers and catalog, as the installed command has them.</summary>
    public static CliHarness Shipped()
    {
        var harness = new CliHarness();
        var (checks, replayers) = CheckDiscovery.BuiltIn();
        harness.Checks.AddRange(checks.All);
        harness.Replayers.AddRange(replayers.All);
        harness.Catalog.AddRange(ImplementationCatalog.All);
        return harness;
    }

    public async Task<CliOutcome> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var cli = new ConformanceCli(new CliConsole(stdout, stderr, rich: false), new CheckRegistry(Checks), new ReplayRegistry(Replayers), Catalog);
        var exit = await cli.RunAsync(args);
        return new CliOutcome(exit, stdout.ToString(), stderr.ToString());
    }
}
