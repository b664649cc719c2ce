using System.CommandLine;
using System.CommandLine.Invocation;
using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Output;

namespace Conformance.Cli.Commands;

/// <summary>
/// The <c>conformance</c> command: builds the command tree over a console, the registries and the
/// catalog, and runs one command line. Parse errors and bad input become one line on stderr and exit
/// code 2; no stack trace unless <c>--verbose</c>.
/// </summary>
public sealed class ConformanceCli
{
    private readonly CliContext context;
    private readonly CliConsole console;

    public ConformanceCli(CliConsole console, CheckRegistry checks, ReplayRegistry replayers, IReadOnlyList<ImplementationEntry> catalog)
    {
        ArgumentNullException.ThrowIfNull(console);
        this.console = console;
        context = new CliContext(console, checks, replayers, catalog);
        Root = new RootCommand(
            "Conformance: checks implementations of three Linux-kernel concurrency mechanisms (the per-cpu allocator, "
            + "percpu_pool, generic IPI cross-calls) against their contracts.\n" + ExitCodes.Help)
        {
            context.Plain,
            context.Verbose,
            ListCommand.Create(context),
            CheckCommand.Create(context),
            ReplayCommand.Create(context),
            ExploreCommand.Create(context),
            MutantsCommand.Create(context),
        };
    }

    public RootCommand Root { get; }

    /// <summary>The command as shipped: the process's console, the adapters in this assembly, the built-in catalog.</summary>
    public static ConformanceCli CreateDefault()
    {
        var (checks, replayers) = CheckDiscovery.BuiltIn();
        return new ConformanceCli(CliConsole.System(), checks, replayers, ImplementationCatalog.All);
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parseResult = Root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // One error, the one to fix: the others mostly follow from it ('frob' is unknown, so no command was given).
            var error = parseResult.Errors
                .OrderBy(e => e.Message.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0)
                .First();
            console.Error.WriteLine("error: " + Messages.OneLine(error.Message));
            console.Error.WriteLine($"Run '{CommandPath(parseResult)} --help' for usage.");
            return ExitCodes.Usage;
        }
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e) when (e is UsageException or ImplementationLoadException or ReproductionFormatException)
        {
            return Fail(parseResult, e, ExitCodes.Usage, "error: " + Messages.OneLine(e.Message));
        }
        catch (OperationCanceledException e)
        {
            return Fail(parseResult, e, ExitCodes.Interrupted, "interrupted");
        }
        catch (Exception e)
        {
            return Fail(parseResult, e, ExitCodes.InternalError,
                $"internal error: {e.GetType().Name}: {Messages.OneLine(e.Message)} (run with --verbose for the stack trace)");
        }
    }

    private int Fail(ParseResult parseResult, Exception e, int exitCode, string line)
    {
        console.Error.WriteLine(line);
        if (parseResult.GetValue(context.Verbose))
        {
            console.Error.WriteLine(e.ToString());
        }
        return exitCode;
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "conformance" : result.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }
}
