namespace Conformance.Cli.Checks;

/// <summary>A reproduction string that cannot be read: the message says what form was expected.</summary>
public sealed class ReproductionFormatException(string message) : Exception(message);
