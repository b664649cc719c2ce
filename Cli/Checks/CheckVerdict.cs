namespace Conformance.Cli.Checks;

/// <summary>The outcome of one check on one implementation.</summary>
public enum CheckVerdict
{
    /// <summary>Nothing the check looked for went wrong.</summary>
    Conforms,

    /// <summary>The implementation broke the contract at least once.</summary>
    Violation,
}
