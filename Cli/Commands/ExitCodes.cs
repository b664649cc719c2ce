namespace Conformance.Cli.Commands;

/// <summary>What the <c>conformance</c> process returns, for every command.</summary>
public static class ExitCodes
{
    /// <summary>Every check conformed, or the command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>A check found a violation (or a replay reproduced one).</summary>
    public const int Violation = 1;

    /// <summary>Bad usage or bad input: an unknown option or implementation, a malformed reproduction string, an assembly or type that cannot serve.</summary>
    public const int Usage = 2;

    /// <summary>A check itself crashed: a defect of the suite, not of the implementation.</summary>
    public const int InternalError = 3;

    /// <summary>
    /// No violation, but a check could not decide all it ran (a stress history too large for the
    /// linearizability checker): neither conforms nor a violation.
    /// </summary>
    public const int Unknown = 4;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>The lines the root help ends with.</summary>
    public const string Help =
        "Exit codes: 0 conforms (or success), 1 a violation was found, 2 bad usage or bad input, 3 a check crashed, 4 no violation but a check could not decide.";
}
