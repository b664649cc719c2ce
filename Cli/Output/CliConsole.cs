namespace Conformance.Cli.Output;

/// <summary>
/// Where the command writes: results to <see cref="Out"/>, progress and errors to <see cref="Error"/>.
/// <see cref="Rich"/> allows tables with borders, colour and a live progress display; it is off when
/// either stream is redirected, under CI, for a dumb terminal, and for writers that are not the console.
/// </summary>
public sealed class CliConsole(TextWriter @out, TextWriter error, bool rich)
{
    public TextWriter Out { get; } = @out;

    public TextWriter Error { get; } = error;

    public bool Rich { get; } = rich;

    /// <summary>The process's console, rich when it is an interactive terminal outside CI.</summary>
    public static CliConsole System() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected && !IsCi() && !IsDumbTerminal());

    /// <summary>The same streams without rich output (<c>--plain</c>).</summary>
    public CliConsole Plain() => Rich ? new CliConsole(Out, Error, false) : this;

    /// <summary>CI=true (or 1), as GitHub Actions, GitLab and most CI services set it.</summary>
    public static bool IsCi()
    {
        var ci = Environment.GetEnvironmentVariable("CI");
        return ci is not null && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");
    }

    private static bool IsDumbTerminal() =>
        string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
}
