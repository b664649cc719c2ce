using Spectre.Console;

namespace Conformance.Cli.Output;

/// <summary>Spectre.Console consoles over a given writer (the process's stdout or stderr).</summary>
public static class SpectreConsoles
{
    public static IAnsiConsole For(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Detect,
    });
}
