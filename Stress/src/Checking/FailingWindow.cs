using System.Globalization;
using System.Text;

namespace Conformance.Stress.Checking;

/// <summary>
/// The shortest failing window of a non-linearizable history: the fewest operations, contiguous in call
/// order, starting where the history is quiescent and ending where the history is cut short (the
/// operations still running there are pending: they may have taken effect or not), that still cannot be
/// linearised from the state (or any of the states) the operations before them leave. Then the longest
/// order of the window's operations the search could build, and the operations that could not go next
/// there, each with why.
/// </summary>
/// <param name="Operations">The window, by call time.</param>
/// <param name="Pending">The operations of the window still running where it ends.</param>
/// <param name="OperationsBefore">How many operations of the same sub-history come before the window: their effect is <paramref name="StartState"/>.</param>
/// <param name="StartState">The state the window is checked from, in the specification's words.</param>
/// <param name="LongestLinearization">The longest valid order of window operations the search found.</param>
/// <param name="Overdue">The operation that returned before it could be linearised after that order.</param>
/// <param name="Stuck">Every operation that could have gone next there, and why it could not.</param>
public sealed record FailingWindow<TOp>(
    IReadOnlyList<HistoryEntry<TOp>> Operations,
    IReadOnlyList<HistoryEntry<TOp>> Pending,
    int OperationsBefore,
    string StartState,
    IReadOnlyList<HistoryEntry<TOp>> LongestLinearization,
    HistoryEntry<TOp>? Overdue,
    IReadOnlyList<StuckOperation<TOp>> Stuck)
{
    /// <summary>The window as a table, the longest order, and why nothing could follow it.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        sb.Append(culture, $"shortest failing window: {Operations.Count} operation(s)");
        sb.Append(OperationsBefore == 0
            ? ", from the start state"
            : string.Create(culture, $", after {OperationsBefore} earlier operation(s)"));
        sb.Append('\n');
        sb.Append("  state before the window: ").Append(Indent(StartState)).Append('\n');
        var contextWidth = Math.Max(7, Operations.Max(o => o.Context.Length));
        sb.Append(culture, $"  {"op",-7} {"context".PadRight(contextWidth)} {"call",10} {"return",10}  operation\n");
        foreach (var entry in Operations)
        {
            var pending = Pending.Contains(entry) ? "  (pending: still running where the window ends)" : "";
            sb.Append(culture, $"  {"#" + entry.Id,-7} {entry.Context.PadRight(contextWidth)} {entry.Call,10} {entry.Return,10}  {entry.Operation}{pending}\n");
        }
        sb.Append("  longest valid order: ");
        sb.Append(LongestLinearization.Count == 0 ? "(none: no operation can go first)" : string.Join(", ", LongestLinearization.Select(e => "#" + e.Id)));
        sb.Append('\n');
        if (Overdue is not null)
        {
            sb.Append(culture, $"  then #{Overdue.Id} ({Overdue.Context} {Overdue.Operation}) returned before it could take effect; none of these could go next:\n");
        }
        foreach (var stuck in Stuck)
        {
            sb.Append(culture, $"    #{stuck.Entry.Id} {stuck.Entry.Context} {stuck.Entry.Operation}: {stuck.Why}\n");
        }
        return sb.ToString().TrimEnd('\n');
    }

    private static string Indent(string text) => text.Replace("\n", "\n    ", StringComparison.Ordinal);
}
