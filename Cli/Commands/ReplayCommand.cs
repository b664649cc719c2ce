using System.CommandLine;
using Conformance.Catalog;
using Conformance.Cli.Checks;
using Conformance.Cli.Implementations;
using Conformance.Cli.Output;

namespace Conformance.Cli.Commands;

/// <summary><c>conformance replay "&lt;string&gt;"</c>: runs one failure again from the string a check printed.</summary>
public static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reproduction = new Argument<string>("reproduction")
        {
            Description = $"The reproduction string a failing check printed, of the form {Reproduction.GeneralForm} (quote it).",
        };
        var impl = SharedOptions.Impl();
        impl.Description = "Replay against this implementation instead of the one the string names: a catalog name, "
            + "or your own assembly (.dll) with --type (needed for failures of your own type).";
        var type = SharedOptions.Type();
        var json = SharedOptions.Json();
        var command = new Command("replay", "Replay one failure from its reproduction string; exit 1 when the failure shows again, 0 when it does not.")
        {
            reproduction, impl, type, json,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            context.ConsoleFor(parseResult),
            parseResult.GetValue(reproduction) ?? "",
            parseResult.GetValue(impl),
            parseResult.GetValue(type),
            parseResult.GetValue(json),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, CliConsole console, string text, string? impl, string? type, bool json, CancellationToken cancellationToken)
    {
        var (replayer, reproduction) = context.Replayers.Resolve(text);
        var implementation = Override(context.Catalog, impl, type);
        var board = new ProgressBoard();
        var result = await context.ProgressFor(console).RunAsync(board, async () =>
        {
            // The result says what happened; plain output only shows periodic lines of a long replay.
            var line = board.Begin($"replay of {Reproduction.Abbreviate(reproduction.ToString())}", TimeSpan.Zero, announce: false);
            var outcome = "stopped";
            try
            {
                var replayed = await Task.Run(
                    () => replayer.ReplayAsync(reproduction, new ReplayContext(implementation, line), cancellationToken), cancellationToken);
                outcome = replayed.Verdict == CheckVerdict.Violation ? "reproduced" : "did not reproduce";
                return replayed;
            }
            finally
            {
                board.Finish(line, outcome);
            }
        });
        var reproduced = result.Verdict == CheckVerdict.Violation;
        var exit = reproduced ? ExitCodes.Violation : ExitCodes.Success;
        if (json)
        {
            JsonOutput.Write(console.Out, new
            {
                reproduction = reproduction.ToString(),
                reproduced,
                exitCode = exit,
                executed = result.Executed,
                unit = result.Unit,
                elapsedMs = (long)result.Elapsed.TotalMilliseconds,
                failures = result.Failures.Select(f => new { summary = f.Summary, report = f.Report, reproduction = f.Reproduction }).ToList(),
                note = result.Note,
            });
            return exit;
        }
        if (!reproduced)
        {
            console.Out.WriteLine($"did not reproduce: {result.Executed} {result.Unit} ran without a violation ({Durations.Format(result.Elapsed)})");
            if (result.Note is not null)
            {
                console.Out.WriteLine("note: " + result.Note);
            }
            return exit;
        }
        foreach (var failure in result.Failures)
        {
            console.Out.WriteLine($"reproduced: {failure.Summary}");
            foreach (var line in failure.Report.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
            {
                console.Out.WriteLine("    " + line);
            }
        }
        if (result.Note is not null)
        {
            console.Out.WriteLine("note: " + result.Note);
        }
        return exit;
    }

    private static ImplementationEntry? Override(IReadOnlyList<ImplementationEntry> catalog, string? impl, string? type)
    {
        if (string.IsNullOrWhiteSpace(impl))
        {
            return string.IsNullOrWhiteSpace(type)
                ? null
                : throw new UsageException("--type needs --impl <path.dll>: the assembly to find the type in");
        }
        var selection = ImplementationSelector.Select(catalog, null, impl, type);
        return selection.Entries.Count == 1
            ? selection.Entries[0]
            : throw new UsageException(
                $"'{impl}' names {selection.Entries.Count} implementations ({string.Join(", ", selection.Entries.Select(MechanismNames.Format))}); the string already names one, so give --impl only to replace it");
    }
}
