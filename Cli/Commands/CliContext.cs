using System.CommandLine;
using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Output;

namespace Conformance.Cli.Commands;

/// <summary>What every command works with: where to write, what is registered, and the global options.</summary>
public sealed class CliContext(CliConsole console, CheckRegistry checks, ReplayRegistry replayers, IReadOnlyList<ImplementationEntry> catalog)
{
    /// <summary>How often a plain progress line is printed for a check still running.</summary>
    public static readonly TimeSpan PlainProgressInterval = TimeSpan.FromSeconds(10);

    public CheckRegistry Checks { get; } = checks;

    public ReplayRegistry Replayers { get; } = replayers;

    public IReadOnlyList<ImplementationEntry> Catalog { get; } = catalog;

    public Option<bool> Plain { get; } = new("--plain")
    {
        Description = "Plain text: no colours, borders or live progress (the default when output is redirected or CI=true).",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show stack traces with errors.",
        Recursive = true,
    };

    /// <summary>The console for one invocation: plain when <c>--plain</c> was given.</summary>
    public CliConsole ConsoleFor(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(Plain) ? console.Plain() : console;
    }

    public IProgressRenderer ProgressFor(CliConsole output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Rich ? new SpectreProgressRenderer(output.Error) : new PlainProgressRenderer(output.Error, PlainProgressInterval);
    }
}
