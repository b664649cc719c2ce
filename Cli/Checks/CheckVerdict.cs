namespace Conformance.Cli.Checks;

/// <summary>The outcome of one check on one implementation.</summary>
public enum CheckVerdict
{
    /// <summary>Nothing the check looked for went wrong.</summary>
    Conforms,

    /// <summary>The implementation broke the contract at least once.</summary>
    Violation,

    /// <summary>
    /// No violation was seen, but the check could not decide part of what it ran (a stress history too
    /// large for the linearizability checker): neither a pass nor a fail.
    /// </summary>
    Unknown,
}
