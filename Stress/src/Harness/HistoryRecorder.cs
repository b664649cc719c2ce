using System.Globalization;
using Conformance.Smp;
using Conformance.Stress.Checking;

namespace Conformance.Stress.Harness;

/// <summary>
/// Records a history on real threads: one clock for every call and return (a global counter bumped
/// with <see cref="Interlocked.Increment(ref long)"/>, so timestamps are unique and agree with real
/// time), one list per context (only that context's thread adds to it: an IPI handler runs on its
/// CPU's thread), and what each context has in flight, for the report of a run that stopped mid-way.
/// </summary>
internal sealed class HistoryRecorder<TOp>
{
    private readonly List<(TOp Op, long Call, long Return)>[] lists;
    private readonly Stack<(object What, long Call)>[] inFlight;
    private readonly string[] names;
    private long clock;

    public HistoryRecorder(Platform platform)
    {
        lists = new List<(TOp, long, long)>[platform.ContextCount];
        inFlight = new Stack<(object, long)>[platform.ContextCount];
        names = new string[platform.ContextCount];
        for (var context = 0; context < platform.ContextCount; context++)
        {
            lists[context] = [];
            inFlight[context] = new Stack<(object, long)>();
            names[context] = platform.ContextName(context);
        }
    }

    public long Tick() => Interlocked.Increment(ref clock);

    /// <summary>The clock's value now (how many timestamps were taken).</summary>
    public long Now => Volatile.Read(ref clock);

    /// <summary>Takes the call time of an operation of <paramref name="context"/> and remembers it is in flight.</summary>
    public long Begin(int context, object what)
    {
        var call = Tick();
        var stack = inFlight[context];
        lock (stack)
        {
            stack.Push((what, call));
        }
        return call;
    }

    /// <summary>Takes the return time and records the operation.</summary>
    public void End(int context, TOp op, long call)
    {
        var ret = Tick();
        Abandon(context);
        var list = lists[context];
        lock (list)
        {
            list.Add((op, call, ret));
        }
    }

    /// <summary>Forgets the innermost operation in flight without recording it (it threw before it had a result).</summary>
    public void Abandon(int context)
    {
        var stack = inFlight[context];
        lock (stack)
        {
            stack.TryPop(out _);
        }
    }

    /// <summary>Records an event that happens at one point (two consecutive ticks).</summary>
    public void Instant(int context, TOp op)
    {
        var call = Tick();
        var ret = Tick();
        var list = lists[context];
        lock (list)
        {
            list.Add((op, call, ret));
        }
    }

    /// <summary>Every recorded operation, by call time, numbered from 1.</summary>
    public IReadOnlyList<HistoryEntry<TOp>> Entries()
    {
        var all = new List<(int Context, TOp Op, long Call, long Return)>();
        for (var context = 0; context < lists.Length; context++)
        {
            var list = lists[context];
            lock (list)
            {
                all.AddRange(list.Select(e => (context, e.Op, e.Call, e.Return)));
            }
        }
        return all.OrderBy(e => e.Call)
            .Select((e, i) => new HistoryEntry<TOp>(i + 1, names[e.Context], e.Op, e.Call, e.Return))
            .ToList();
    }

    /// <summary>What each context had in flight (called, not returned), innermost last.</summary>
    public IReadOnlyList<string> InFlight()
    {
        var lines = new List<string>();
        for (var context = 0; context < inFlight.Length; context++)
        {
            var stack = inFlight[context];
            lock (stack)
            {
                lines.AddRange(stack.Reverse().Select(f =>
                    string.Create(CultureInfo.InvariantCulture, $"{names[context]}: {f.What} (called at {f.Call})")));
            }
        }
        return lines;
    }
}
