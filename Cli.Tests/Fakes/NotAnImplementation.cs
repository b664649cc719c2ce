namespace Conformance.Cli.Tests.Fakes;

/// <summary>A public class that implements no contract: <c>--type</c> must reject it.</summary>
public sealed class NotAnImplementation
{
    public override string ToString() => "not an implementation";
}
