using Conformance.Cli.Tests.Fakes;

namespace Conformance.Cli.Tests.Commands;

public sealed class AssemblyLoadingTests
{
    [Fact]
    public async Task AMissingAssemblyIsBadInput()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.dll");

        var outcome = await new CliHarness().RunAsync("check", "--impl", path, "--type", "My.Allocator");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal([$"error: no such file: {path}"], outcome.ErrorLines);
    }

    [Fact]
    public async Task AFileThatIsNotAnAssemblyIsBadInput()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-an-assembly-{Guid.NewGuid():N}.dll");
        await File.WriteAllTextAsync(path, "this is text, not a portable executable");
        try
        {
            var outcome = await new CliHarness().RunAsync("check", "--impl", path, "--type", "My.Allocator");

            Assert.Equal(2, outcome.ExitCode);
            Assert.Equal([$"error: {path} is not a .NET assembly"], outcome.ErrorLines);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AMissingTypeIsBadInputAndNamesTheCandidates()
    {
        var outcome = await new CliHarness().RunAsync("check", "--impl", CliHarness.TestAssembly, "--type", "My.Allocator");

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.Contains("type 'My.Allocator' not found in Conformance.Cli.Tests.dll", line, StringComparison.Ordinal);
        Assert.Contains(typeof(DirectCrossCall).FullName!, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATypeThatImplementsNoContractIsBadInput()
    {
        var outcome = await new CliHarness().RunAsync("check", "--impl", CliHarness.TestAssembly, "--type", typeof(NotAnImplementation).FullName!);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(
            [$"error: {typeof(NotAnImplementation).FullName} implements none of the contracts (IPerCpuAllocator, IPercpuPool, ICrossCall)"],
            outcome.ErrorLines);
    }

    [Fact]
    public async Task AnAssemblyWithSeveralImplementationsNeedsAType()
    {
        var outcome = await new CliHarness().RunAsync("check", "--impl", CliHarness.TestAssembly);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("holds several implementations; choose one with --type", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAssemblyTypeOfAnotherMechanismIsBadUsage()
    {
        var outcome = await new CliHarness().RunAsync(
            "check", "--mechanism", "allocator", "--impl", CliHarness.TestAssembly, "--type", typeof(DirectCrossCall).FullName!);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("implements the crosscall contract, not allocator", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValidTypeIsLoadedAndWithNoChecksTheCommandSaysSo()
    {
        var outcome = await new CliHarness().RunAsync("check", "--impl", CliHarness.TestAssembly, "--type", typeof(DirectCrossCall).FullName!);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains($"implementations: crosscall/{typeof(DirectCrossCall).FullName}", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("no checks are registered yet: nothing was checked.", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABareClassNameIsEnoughWhenUnambiguous()
    {
        var harness = new CliHarness();
        var check = ScriptedCheck.Conforming("properties", Catalog.Mechanism.CrossCall);
        harness.Checks.Add(check);

        var outcome = await harness.RunAsync("check", "--impl", CliHarness.TestAssembly, "--type", nameof(DirectCrossCall));

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(typeof(DirectCrossCall), Assert.Single(check.Calls).Implementation.Type);
    }

    [Fact]
    public async Task AConstructorThatThrowsIsBadInput()
    {
        var harness = new CliHarness();
        harness.Checks.Add(new ScriptedCheck(
            "properties",
            (entry, _) =>
            {
                // What every real check does first: build the implementation by the contract's convention.
                Catalog.ImplementationFactory.CreateCrossCall(entry.Type, new OneCpuPlatform());
                return Cli.Checks.CheckResult.Conforms(1, "cases", TimeSpan.Zero);
            },
            Catalog.Mechanism.CrossCall));

        var outcome = await harness.RunAsync("check", "--impl", CliHarness.TestAssembly, "--type", typeof(ThrowingCrossCall).FullName!);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(
            $"error: the constructor of {typeof(ThrowingCrossCall).FullName} threw: refuses a machine of 1 CPUs",
            outcome.ErrorLines);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }
}
