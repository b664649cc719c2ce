namespace Conformance.Stress.Checking;

/// <summary>
/// Wing and Gong's search for a linearisation of one segment, with Lowe's memoisation, in the iterative
/// form Porcupine uses: the call and return events sit in one list ordered by time; an operation whose
/// call comes before the first remaining return may be linearised next (it is "lifted" out of the list
/// with its return); reaching a return means the operation it belongs to was not linearised in time,
/// so the search backtracks. A (set of linearised operations, state) pair already explored is never
/// explored again.
/// </summary>
/// <remarks>
/// A search may stop the history at a time (a prefix of it, to find the shortest failing window): an
/// operation still running then is pending, and may be linearised or left out, as in the definition of
/// linearizability for incomplete histories. A pending operation has no return event, so it never blocks.
/// </remarks>
internal sealed class SegmentSearch<TOp, TState>
    where TState : IEquatable<TState>
{
    private readonly ISequentialSpecification<TOp, TState> spec;
    private readonly IReadOnlyList<HistoryEntry<TOp>> operations;
    private readonly Node[] order;
    private readonly Node head = new(-1, true);
    private readonly ulong[] bits;
    private readonly ulong[] zobrist;
    private readonly Stack<Frame> stack = new();
    private HashSet<MemoKey<TState>> cache = [];
    private readonly int mandatory;
    private int mandatoryLeft;
    private ulong zob;
    private int firstZeroWord;
    private int topWord;

    /// <param name="spec">The specification.</param>
    /// <param name="operations">The segment, by call time.</param>
    /// <param name="cut">Where the history stops: an operation returning after it is pending.</param>
    public SegmentSearch(ISequentialSpecification<TOp, TState> spec, IReadOnlyList<HistoryEntry<TOp>> operations, long cut = long.MaxValue)
    {
        this.spec = spec;
        this.operations = operations;
        var nodes = new List<(long Time, Node Node)>(operations.Count * 2);
        for (var i = 0; i < operations.Count; i++)
        {
            var call = new Node(i, true);
            nodes.Add((operations[i].Call, call));
            if (operations[i].Return <= cut)
            {
                var ret = new Node(i, false);
                call.Match = ret;
                nodes.Add((operations[i].Return, ret));
                mandatory++;
            }
        }
        // Equal times: the call first, so that operations touching at one instant count as concurrent.
        order = nodes
            .OrderBy(n => n.Time)
            .ThenBy(n => n.Node.IsCall ? 0 : 1)
            .ThenBy(n => n.Node.Op)
            .Select(n => n.Node)
            .ToArray();
        bits = new ulong[(operations.Count + 63) / 64];
        zobrist = new ulong[operations.Count];
        var z = 0x2545F4914F6CDD1DUL;
        for (var i = 0; i < zobrist.Length; i++)
        {
            z += 0x9E3779B97F4A7C15UL;
            var x = z;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            zobrist[i] = x ^ (x >> 31);
        }
    }

    /// <summary>Where the last failed search from a start got furthest, when asked to record it.</summary>
    public DeepestPoint<TState>? Deepest { get; private set; }

    /// <summary>
    /// Searches from <paramref name="start"/>. Every end state found goes into <paramref name="ends"/>;
    /// with <paramref name="allEnds"/> the search goes on after the first linearisation to find them all.
    /// </summary>
    public SearchOutcome Run(TState start, SearchBudget budget, bool allEnds, HashSet<TState> ends, int maxEnds, bool recordDeepest)
    {
        Reset();
        var found = false;
        var state = start;
        var entry = head.Next;
        while (true)
        {
            if (!budget.Step())
            {
                return SearchOutcome.OutOfBudget;
            }
            if (mandatoryLeft == 0)
            {
                found = true;
                ends.Add(state);
                if (!allEnds)
                {
                    return SearchOutcome.Linearizable;
                }
                if (ends.Count > maxEnds)
                {
                    return SearchOutcome.TooManyEnds;
                }
                if (!Backtrack(ref state, ref entry))
                {
                    return SearchOutcome.Linearizable;
                }
                continue;
            }
            if (entry is null)
            {
                // Only pending operations were left to try, and none could go: back up.
                if (!Backtrack(ref state, ref entry))
                {
                    return found ? SearchOutcome.Linearizable : SearchOutcome.NotLinearizable;
                }
                continue;
            }
            if (entry.IsCall)
            {
                if (TryEnter(entry, state, spec.Step(state, operations[entry.Op].Operation), 0, out var next))
                {
                    state = next;
                    entry = head.Next;
                }
                else
                {
                    entry = entry.Next;
                }
                continue;
            }
            // A return: its operation was not linearised before it returned, on this path.
            if (recordDeepest)
            {
                NoteDeepest(state, entry);
            }
            if (!Backtrack(ref state, ref entry))
            {
                return found ? SearchOutcome.Linearizable : SearchOutcome.NotLinearizable;
            }
        }
    }

    private void Reset()
    {
        var prev = head;
        foreach (var node in order)
        {
            prev.Next = node;
            node.Prev = prev;
            prev = node;
        }
        prev.Next = null;
        mandatoryLeft = mandatory;
        Array.Clear(bits);
        zob = 0;
        firstZeroWord = 0;
        topWord = -1;
        stack.Clear();
        cache = [];
        Deepest = null;
    }

    private bool TryEnter(Node call, TState before, IReadOnlyList<TState> alternatives, int from, out TState next)
    {
        for (var i = from; i < alternatives.Count; i++)
        {
            SetBit(call.Op);
            if (cache.Add(Key(alternatives[i])))
            {
                stack.Push(new Frame(call, before, alternatives, i));
                Lift(call);
                next = alternatives[i];
                return true;
            }
            ClearBit(call.Op);
        }
        next = before;
        return false;
    }

    /// <summary>Undoes the last linearised operation and tries its other outcomes, or moves to the next candidate.</summary>
    private bool Backtrack(ref TState state, ref Node? entry)
    {
        if (stack.Count == 0)
        {
            return false;
        }
        var frame = stack.Pop();
        Unlift(frame.Call);
        ClearBit(frame.Call.Op);
        state = frame.Before;
        if (TryEnter(frame.Call, frame.Before, frame.Alternatives, frame.Index + 1, out var next))
        {
            state = next;
            entry = head.Next;
        }
        else
        {
            entry = frame.Call.Next;
        }
        return true;
    }

    private void NoteDeepest(TState state, Node overdue)
    {
        if (Deepest is not null && Deepest.Linearized.Length >= stack.Count)
        {
            return;
        }
        var linearized = stack.Select(f => f.Call.Op).Reverse().ToArray();
        var candidates = new List<int>();
        for (var node = head.Next; node is not null && node != overdue; node = node.Next)
        {
            if (node.IsCall)
            {
                candidates.Add(node.Op);
            }
        }
        Deepest = new DeepestPoint<TState>(linearized, state, overdue.Op, [.. candidates]);
    }

    private MemoKey<TState> Key(TState state)
    {
        while (firstZeroWord < bits.Length && bits[firstZeroWord] == ulong.MaxValue)
        {
            firstZeroWord++;
        }
        var top = topWord;
        while (top >= firstZeroWord && bits[top] == 0)
        {
            top--;
        }
        topWord = top;
        var words = top < firstZeroWord ? [] : bits.AsSpan(firstZeroWord, top - firstZeroWord + 1).ToArray();
        return new MemoKey<TState>(firstZeroWord, words, state, HashCode.Combine(zob, state.GetHashCode()));
    }

    private void SetBit(int op)
    {
        var word = op >> 6;
        bits[word] |= 1UL << (op & 63);
        zob ^= zobrist[op];
        if (word > topWord)
        {
            topWord = word;
        }
    }

    private void ClearBit(int op)
    {
        var word = op >> 6;
        bits[word] &= ~(1UL << (op & 63));
        zob ^= zobrist[op];
        if (word < firstZeroWord)
        {
            firstZeroWord = word;
        }
    }

    private void Lift(Node call)
    {
        call.Prev!.Next = call.Next;
        if (call.Next is not null)
        {
            call.Next.Prev = call.Prev;
        }
        if (call.Match is { } ret)
        {
            ret.Prev!.Next = ret.Next;
            if (ret.Next is not null)
            {
                ret.Next.Prev = ret.Prev;
            }
            mandatoryLeft--;
        }
    }

    private void Unlift(Node call)
    {
        if (call.Match is { } ret)
        {
            ret.Prev!.Next = ret;
            if (ret.Next is not null)
            {
                ret.Next.Prev = ret;
            }
            mandatoryLeft++;
        }
        call.Prev!.Next = call;
        if (call.Next is not null)
        {
            call.Next.Prev = call;
        }
    }

    /// <summary>A call or return event in the list.</summary>
    private sealed class Node(int op, bool isCall)
    {
        public int Op { get; } = op;

        public bool IsCall { get; } = isCall;

        /// <summary>A call's return.</summary>
        public Node? Match { get; set; }

        public Node? Prev { get; set; }

        public Node? Next { get; set; }
    }

    /// <summary>One linearised operation: the state before it and which of its outcomes was taken.</summary>
    private readonly record struct Frame(Node Call, TState Before, IReadOnlyList<TState> Alternatives, int Index);
}
