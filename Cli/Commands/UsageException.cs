namespace Conformance.Cli.Commands;

/// <summary>Bad usage or bad input: reported as one line on stderr, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
