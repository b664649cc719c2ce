using System.Globalization;
using System.Text;
using Conformance.Backends.Cooperative;
using Conformance.Smp;

namespace Conformance.Concurrency.Controlled;

/// <summary>
/// The decisions of one controlled run, in order. Serialised as one token per decision,
/// <c>running.kind&gt;choice</c> (for example <c>0.W&gt;r1</c>: CPU0 at a write point, CPU1 runs next),
/// so a trace can be stored, diffed by eye, and replayed decision by decision.
/// </summary>
public sealed class ScheduleTrace
{
    // One letter per PointKind, in declaration order (Q: work queue, H: hotplug).
    private const string Kinds = "RWXLUIPDBKQOH";
    private readonly List<TraceStep> steps = [];

    public IReadOnlyList<TraceStep> Steps => steps;

    /// <summary>What each context did, with values, when the run traced them (for reports).</summary>
    public List<TraceEvent> Events { get; } = [];

    public int Count => steps.Count;

    public void Add(TraceStep step) => steps.Add(step);

    /// <summary>How many decisions the strategy made (PCT's k counts these).</summary>
    public int ContestedSteps => steps.Count(s => s.Contested);

    /// <summary>How many decisions switched away from, or interrupted, a context that could have gone on.</summary>
    public int Preemptions => steps.Count(s => s.IsPreemption);

    /// <summary>
    /// The decisions the strategy made, by position among them, where the pick was not the
    /// default (the running context goes on, else the first choice): what a guided replay needs.
    /// </summary>
    public IReadOnlyDictionary<int, int> GuidedPath()
    {
        var path = new SortedDictionary<int, int>();
        var contested = 0;
        foreach (var step in steps.Where(s => s.Contested))
        {
            var fallback = step.KeepIndex >= 0 ? step.KeepIndex : 0;
            if (step.Index != fallback)
            {
                path[contested] = step.Index;
            }
            contested++;
        }
        return path;
    }

    /// <summary>A stable 32-bit digest (FNV-1a) of the decisions: equal traces, equal hashes.</summary>
    public uint Hash()
    {
        var hash = 2166136261u;
        foreach (var step in steps)
        {
            foreach (var b in new[] { step.Running + 1, (int)step.Kind, (int)step.Chosen.Kind, step.Chosen.Context, step.Options })
            {
                hash = (hash ^ (uint)b) * 16777619u;
            }
        }
        return hash;
    }

    public string Serialize()
    {
        var sb = new StringBuilder();
        foreach (var step in steps)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            sb.Append(CultureInfo.InvariantCulture, $"{step.Running}.{KindLetter(step.Kind)}>{ChoiceLetter(step.Chosen.Kind)}{step.Chosen.Context}/{step.Options}");
        }
        return sb.ToString();
    }

    /// <summary>Parses <see cref="Serialize"/>'s form; a malformed token is a <see cref="FormatException"/> naming it.</summary>
    public static ScheduleTrace Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trace = new ScheduleTrace();
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            trace.Add(ParseStep(token));
        }
        return trace;
    }

    public override string ToString() => $"{Count} decisions, {Preemptions} preemptions, hash {Hash():x8}";

    private static TraceStep ParseStep(string token)
    {
        try
        {
            var dot = token.IndexOf('.', StringComparison.Ordinal);
            var arrow = token.IndexOf('>', StringComparison.Ordinal);
            var slash = token.IndexOf('/', StringComparison.Ordinal);
            if (dot < 1 || arrow != dot + 2 || slash < arrow + 3)
            {
                throw new FormatException();
            }
            var running = int.Parse(token.AsSpan(0, dot), CultureInfo.InvariantCulture);
            var kind = (PointKind)Kinds.IndexOf(token[dot + 1], StringComparison.Ordinal);
            var choiceKind = token[arrow + 1] switch
            {
                'r' => ChoiceKind.Continue,
                'i' => ChoiceKind.Deliver,
                'w' => ChoiceKind.StartWork,
                _ => throw new FormatException(),
            };
            var context = int.Parse(token.AsSpan(arrow + 2, slash - arrow - 2), CultureInfo.InvariantCulture);
            var options = int.Parse(token.AsSpan(slash + 1), CultureInfo.InvariantCulture);
            if ((int)kind < 0)
            {
                throw new FormatException();
            }
            return new TraceStep(running, kind, new Choice(choiceKind, context), options);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new FormatException($"'{token}' is not a trace step (expected running.kind>r|i|w context/options, e.g. 0.W>r1/2)", e);
        }
    }

    private static char KindLetter(PointKind kind) => Kinds[(int)kind];

    private static char ChoiceLetter(ChoiceKind kind) => kind switch
    {
        ChoiceKind.Continue => 'r',
        ChoiceKind.Deliver => 'i',
        _ => 'w',
    };
}
