using Conformance.Clauses;
using Conformance.Cli.Checks;
using Conformance.Cli.Implementations;
using Conformance.Cli.Output;
using Conformance.Contracts;
using Conformance.Stress;

namespace Conformance.Cli.Commands;

/// <summary>What <c>conformance check</c> prints, as text or as one JSON document, and the exit code that goes with it.</summary>
public sealed class CheckReport(
    CliConsole console, CliContext context, CheckRequest request, ImplementationSelection selection, IReadOnlyList<ICheck> checks)
{
    private TextWriter Out => console.Out;

    public void Header(CheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (request.Json)
        {
            return;
        }
        Out.WriteLine($"conformance check: seed {options.Seed}, budget {Durations.Format(options.Budget)} per check, level {options.Level.ToString().ToLowerInvariant()}, "
            + (options.Rules is { } rules ? $"rules {RuleSetNames.Name(rules)}" : "rules as each implementation claims") + (options.Strict ? ", strict" : ""));
        if (selection.Entries.Count > 0)
        {
            Out.WriteLine("implementations: " + string.Join(", ", selection.Entries.Select(MechanismNames.Format)));
        }
        foreach (var note in selection.Notes)
        {
            Out.WriteLine("note: " + note);
        }
        if (checks.Count > 0)
        {
            Out.WriteLine("checks: " + string.Join(", ", checks.Select(c => $"{c.Name} ({ListCommand.MechanismList(c.Mechanisms)})")));
        }
    }

    /// <summary>Nothing ran: said plainly, exit 0 (nothing was found wrong because nothing was run, and the text says so).</summary>
    public int NothingChecked(string reason)
    {
        if (request.Json)
        {
            WriteJson([], "nothing-checked", reason, ExitCodes.Success);
        }
        else
        {
            Out.WriteLine(reason);
        }
        return ExitCodes.Success;
    }

    public int Results(IReadOnlyList<CheckRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var violations = runs.Count(r => r.IsViolation);
        var crashes = runs.Count(r => r.Crashed);
        var unknowns = runs.Count(r => r.IsUnknown);
        var deviated = runs.Where(r => !r.IsViolation && r.Deviates).SelectMany(r => r.Result!.Deviations).Select(d => d.Clause).Distinct().ToList();
        var exit = crashes > 0 ? ExitCodes.InternalError
            : violations > 0 ? ExitCodes.Violation
            : unknowns > 0 ? ExitCodes.Unknown
            : ExitCodes.Success;
        var summary = crashes > 0
            ? $"ERROR: {crashes} of {runs.Count} check runs crashed; {violations} found a violation (seed {request.Seed})"
            : violations > 0
                ? $"VIOLATION: {violations} of {runs.Count} check runs found a violation (seed {request.Seed})"
                : unknowns > 0
                    ? $"UNKNOWN: no violation, but {unknowns} of {runs.Count} check runs could not decide all they ran: neither a pass nor a fail (seed {request.Seed})"
                    : deviated.Count > 0
                        ? $"conforms to the seed's rules, not to the kernel's: {runs.Count} check runs, no violation; deviates from the kernel's rules in {string.Join(", ", deviated)} (listed above with their lines) (seed {request.Seed})"
                        : $"conforms: {runs.Count} check runs, no violation (seed {request.Seed})";
        if (request.Json)
        {
            WriteJson(runs, crashes > 0 ? "error" : violations > 0 ? "violation" : unknowns > 0 ? "unknown" : deviated.Count > 0 ? "deviates" : "conforms", summary, exit);
            return exit;
        }
        Out.WriteLine();
        var table = new TableView("implementation", "check", "rules", "verdict", "runs", "elapsed");
        foreach (var run in runs)
        {
            table.Add(
                MechanismNames.Format(run.Implementation),
                run.Check.Name,
                run.Result is { } u ? RuleSetNames.Name(u.Rules) : "",
                CheckRunner.Verdict(run),
                run.Result is { } r ? $"{r.Executed} {r.Unit}" : "",
                run.Result is { } t ? Durations.Format(t.Elapsed) : "");
        }
        table.Write(console);
        Failures(runs);
        Deviations(runs);
        Undecided(runs);
        Crashes(runs);
        Coverage();
        Out.WriteLine();
        Out.WriteLine(summary);
        return exit;
    }

    private void Failures(IReadOnlyList<CheckRun> runs)
    {
        var number = 0;
        foreach (var run in runs.Where(r => r.IsViolation))
        {
            foreach (var failure in run.Result!.Failures)
            {
                number++;
                Out.WriteLine();
                Out.WriteLine($"failure {number}: {run.Check.Name} on {MechanismNames.Format(run.Implementation)}: {failure.Summary}");
                foreach (var line in failure.Report.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
                {
                    Out.WriteLine("    " + line);
                }
                if (failure.Reproduction is null)
                {
                    Out.WriteLine($"  rerun: conformance check --seed {request.Seed} --only {run.Check.Name} {ImplementationArguments(run)}");
                    continue;
                }
                var quoted = ShellQuote.Quote(failure.Reproduction);
                var userType = context.Catalog.Contains(run.Implementation) ? "" : " " + ImplementationArguments(run);
                Out.WriteLine($"  reproduce: conformance replay {quoted}{userType}");
                // The property and exploration tests replay a line from the environment; stress lines only through the command.
                if (!failure.Reproduction.StartsWith(StressReproduction.Prefix + ":", StringComparison.Ordinal))
                {
                    Out.WriteLine($"         or: CONFORMANCE_REPLAY={quoted} dotnet test -c Release");
                }
            }
        }
    }

    private void Deviations(IReadOnlyList<CheckRun> runs)
    {
        // A declared deviation the run did not come across is said, not silently taken for conformance.
        foreach (var group in runs.Where(r => r.Result is { Rules: RuleSet.Seed }).GroupBy(r => r.Implementation))
        {
            var seen = group.SelectMany(r => r.Result!.Deviations).Select(d => d.Clause).ToHashSet();
            var unseen = group.Key.KnownDeviations.Where(c => !seen.Contains(c)).ToList();
            if (unseen.Count > 0)
            {
                Out.WriteLine();
                Out.WriteLine($"note: {MechanismNames.Format(group.Key)} claims the seed's rules and is known to break {string.Join(", ", unseen)} under the kernel's; no check came across it in this run");
            }
        }
        foreach (var run in runs.Where(r => r.Deviates))
        {
            foreach (var deviation in run.Result!.Deviations)
            {
                Out.WriteLine();
                var known = deviation.Known ? "known deviation" : "deviation";
                Out.WriteLine($"{known}: {run.Check.Name} on {MechanismNames.Format(run.Implementation)} breaks {deviation.Clause} under the kernel's rules (held to the seed's): {Messages.OneLine(deviation.Message)}");
                if (deviation.Reproduction is { } line)
                {
                    var userType = context.Catalog.Contains(run.Implementation) ? "" : " " + ImplementationArguments(run);
                    Out.WriteLine($"  under the kernel's rules: conformance replay {ShellQuote.Quote(line)}{userType}");
                }
                else
                {
                    Out.WriteLine("  the same iteration under the kernel's rules took another path; no line reproduces it alone");
                }
            }
        }
    }

    private void Undecided(IReadOnlyList<CheckRun> runs)
    {
        foreach (var run in runs.Where(r => r.IsUnknown))
        {
            foreach (var undecided in run.Result!.Failures)
            {
                Out.WriteLine();
                Out.WriteLine($"unknown: {run.Check.Name} on {MechanismNames.Format(run.Implementation)}: {undecided.Summary}");
                foreach (var line in undecided.Report.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
                {
                    Out.WriteLine("    " + line);
                }
                if (undecided.Reproduction is not null)
                {
                    Out.WriteLine($"  run it again: conformance replay {ShellQuote.Quote(undecided.Reproduction)}");
                }
            }
        }
    }

    /// <summary>The options that name the run's implementation again: a catalog name, or the user's assembly and type.</summary>
    private string ImplementationArguments(CheckRun run) => context.Catalog.Contains(run.Implementation) || request.Impl is null
        ? $"-m {MechanismNames.Format(run.Implementation.Mechanism)} --impl {ShellQuote.Quote(run.Implementation.Name)}"
        : $"--impl {ShellQuote.Quote(request.Impl)} --type {ShellQuote.Quote(run.Implementation.Type.FullName ?? run.Implementation.Name)}";

    private void Crashes(IReadOnlyList<CheckRun> runs)
    {
        foreach (var run in runs.Where(r => r.Crashed))
        {
            Out.WriteLine();
            Out.WriteLine($"error: {run.Check.Name} crashed on {MechanismNames.Format(run.Implementation)}: {run.Crash!.GetType().Name}: {Messages.OneLine(run.Crash.Message)}");
            if (request.Verbose)
            {
                Out.WriteLine(run.Crash.ToString());
            }
            else
            {
                Out.WriteLine("  this is a defect of the check, not a verdict on the implementation; run with --verbose for the stack trace");
            }
        }
    }

    private void Coverage()
    {
        var uncovered = context.Checks.Uncovered();
        if (uncovered.Count > 0)
        {
            Out.WriteLine();
            Out.WriteLine($"not covered yet: no check covers {string.Join(" or ", uncovered.Select(MechanismNames.Format))}");
        }
    }

    private void WriteJson(IReadOnlyList<CheckRun> runs, string verdict, string summary, int exit) => JsonOutput.Write(Out, new
    {
        verdict,
        summary,
        exitCode = exit,
        seed = request.Seed,
        budgetMs = (long)request.Budget.TotalMilliseconds,
        level = request.Level,
        implementations = selection.Entries.Select(ListCommand.ImplementationJson).ToList(),
        notes = selection.Notes,
        checks = checks.Select(c => c.Name).ToList(),
        uncovered = context.Checks.Uncovered().Select(MechanismNames.Format).ToList(),
        runs = runs.Select(r => new
        {
            implementation = MechanismNames.Format(r.Implementation),
            check = r.Check.Name,
            verdict = CheckRunner.Verdict(r).ToLowerInvariant(),
            executed = r.Result?.Executed,
            unit = r.Result?.Unit,
            elapsedMs = r.Result is { } x ? (long?)x.Elapsed.TotalMilliseconds : null,
            failures = (r.Result?.Failures ?? []).Select(f => new { summary = f.Summary, report = f.Report, reproduction = f.Reproduction }).ToList(),
            note = r.Result?.Note,
            rules = r.Result is { } y ? RuleSetNames.Name(y.Rules) : null,
            deviations = (r.Result?.Deviations ?? []).Select(d => new { clause = d.Clause, message = d.Message, reproduction = d.Reproduction, known = d.Known }).ToList(),
            error = r.Crash is null ? null : $"{r.Crash.GetType().Name}: {r.Crash.Message}",
        }).ToList(),
    });
}
