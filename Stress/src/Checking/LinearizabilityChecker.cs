using System.Diagnostics;
using System.Globalization;

namespace Conformance.Stress.Checking;

/// <summary>
/// Checks that a recorded history is linearizable against a sequential specification: Wing and Gong's
/// search with Lowe's memoisation of (set of linearised operations as a bitset, specification state),
/// as Porcupine does it. Two cuts keep the search small:
/// <list type="bullet">
/// <item>independent sub-histories (<see cref="ISequentialSpecification{TOp,TState}.Partition"/>) are checked apart;</item>
/// <item>within one, the history is cut at quiescent points (every operation called before the point
///   returned before it): every linearisation puts what comes before a cut first, so the segments are
///   searched one after another, each from the states the previous one can end in.</item>
/// </list>
/// A search that runs out of its steps or time answers <see cref="CheckVerdict.Unknown"/>, never a pass
/// or a fail. A violation is reported with the shortest failing window: the segment that fails, cut
/// down to its shortest failing prefix.
/// </summary>
public static class LinearizabilityChecker
{
    public static CheckResult<TOp> Check<TOp, TState>(
        ISequentialSpecification<TOp, TState> specification,
        IReadOnlyList<HistoryEntry<TOp>> history,
        CheckLimits? limits = null)
        where TState : IEquatable<TState>
    {
        ArgumentNullException.ThrowIfNull(specification);
        ArgumentNullException.ThrowIfNull(history);
        limits ??= CheckLimits.Default;
        limits.Validate();
        foreach (var entry in history)
        {
            if (entry.Return < entry.Call)
            {
                throw new ArgumentException($"operation {entry} returns before it is called", nameof(history));
            }
        }

        var clock = Stopwatch.StartNew();
        var budget = new SearchBudget(limits);
        var partitions = specification.Partition(history)
            .Select(p => (IReadOnlyList<HistoryEntry<TOp>>)p.OrderBy(e => e.Call).ThenBy(e => e.Id).ToList())
            .Where(p => p.Count > 0)
            .ToList();
        var segmentCount = 0;
        string? unknown = null;
        foreach (var partition in partitions)
        {
            var segments = Segments(partition);
            segmentCount += segments.Count;
            var (failure, reason) = CheckPartition(specification, partition, segments, budget, limits);
            if (failure is not null)
            {
                return new CheckResult<TOp>(CheckVerdict.NotLinearizable, history.Count, partitions.Count, segmentCount,
                    budget.Steps, clock.Elapsed, failure, reason);
            }
            unknown ??= reason;
        }
        return unknown is null
            ? new CheckResult<TOp>(CheckVerdict.Linearizable, history.Count, partitions.Count, segmentCount, budget.Steps, clock.Elapsed, null, null)
            : new CheckResult<TOp>(CheckVerdict.Unknown, history.Count, partitions.Count, segmentCount, budget.Steps, clock.Elapsed, null, unknown);
    }

    /// <summary>
    /// Checks the segments of one sub-history in order. Each is searched from the state(s) the previous
    /// one ended in, stopping at the first linearisation. For an order-independent specification those
    /// end states are exactly the possible ones. For another, they are one possible end, a guess: when a
    /// segment fails from a guess, the exact sets of end states of every earlier segment are computed
    /// (each segment searched to the end) and the segment is searched again from all of them; only a
    /// failure from the exact set is a violation. Returns the failing window and why, or null and, when
    /// the budget ran out, why the answer is unknown.
    /// </summary>
    private static (FailingWindow<TOp>? Window, string? Reason) CheckPartition<TOp, TState>(
        ISequentialSpecification<TOp, TState> specification,
        IReadOnlyList<HistoryEntry<TOp>> partition,
        List<(int Start, int End)> segments,
        SearchBudget budget,
        CheckLimits limits)
        where TState : IEquatable<TState>
    {
        IReadOnlyList<TState> states = [specification.Initial];
        var exact = true;
        // The last segment whose start states are known exactly, and those states.
        var known = (Segment: 0, States: states);
        for (var k = 0; k < segments.Count; k++)
        {
            var (start, end) = segments[k];
            var ops = Slice(partition, start, end);
            var (outcome, ends) = SearchAll(specification, ops, states, budget, limits, allEnds: false, recordDeepest: false, out _);
            if (outcome == SearchOutcome.NotLinearizable && !exact)
            {
                var exactStates = ExactStates(specification, partition, segments, known, k, budget, limits);
                if (exactStates is null)
                {
                    return (null, UnknownReason(budget, ops, limits));
                }
                states = exactStates;
                known = (k, states);
                exact = true;
                (outcome, ends) = SearchAll(specification, ops, states, budget, limits, allEnds: false, recordDeepest: false, out _);
            }
            if (outcome == SearchOutcome.NotLinearizable)
            {
                var window = Minimise(specification, partition, start, end, states, limits);
                var reason = window.Overdue is { } overdue
                    ? $"#{overdue.Id} ({overdue.Context} {overdue.Operation}) cannot take effect in any order consistent with real time"
                    : "no order of the window's operations satisfies the specification";
                return (window, reason);
            }
            if (outcome != SearchOutcome.Linearizable)
            {
                return (null, UnknownReason(budget, ops, limits));
            }
            states = ends;
            exact &= specification.OrderIndependent;
        }
        return (null, null);
    }

    /// <summary>
    /// Every state the segments before <paramref name="k"/> can end in, going on from a segment whose
    /// start states are known exactly; null when the budget runs out first.
    /// </summary>
    private static IReadOnlyList<TState>? ExactStates<TOp, TState>(
        ISequentialSpecification<TOp, TState> specification,
        IReadOnlyList<HistoryEntry<TOp>> partition,
        List<(int Start, int End)> segments,
        (int Segment, IReadOnlyList<TState> States) known,
        int k,
        SearchBudget budget,
        CheckLimits limits)
        where TState : IEquatable<TState>
    {
        var states = known.States;
        for (var j = known.Segment; j < k; j++)
        {
            var (start, end) = segments[j];
            var (outcome, ends) = SearchAll(specification, Slice(partition, start, end), states, budget, limits, allEnds: true, recordDeepest: false, out _);
            if (outcome != SearchOutcome.Linearizable)
            {
                return null;
            }
            states = ends;
        }
        return states;
    }

    private static string UnknownReason<TOp>(SearchBudget budget, IReadOnlyList<HistoryEntry<TOp>> ops, CheckLimits limits) =>
        budget.Exhausted ?? string.Create(CultureInfo.InvariantCulture,
            $"the segment of operations #{ops[0].Id}..#{ops[^1].Id} (or one before it) can end in more than {limits.MaxEndStates} states");

    /// <summary>The segments of a sub-history sorted by call: [start, end) between quiescent points.</summary>
    internal static List<(int Start, int End)> Segments<TOp>(IReadOnlyList<HistoryEntry<TOp>> partition)
    {
        var segments = new List<(int, int)>();
        var start = 0;
        var latestReturn = long.MinValue;
        for (var i = 0; i < partition.Count; i++)
        {
            if (i > start && latestReturn < partition[i].Call)
            {
                segments.Add((start, i));
                start = i;
            }
            latestReturn = Math.Max(latestReturn, partition[i].Return);
        }
        if (partition.Count > 0)
        {
            segments.Add((start, partition.Count));
        }
        return segments;
    }

    /// <summary>Searches a segment from every start state; the end states are the union over them.</summary>
    private static (SearchOutcome Outcome, IReadOnlyList<TState> Ends) SearchAll<TOp, TState>(
        ISequentialSpecification<TOp, TState> specification,
        IReadOnlyList<HistoryEntry<TOp>> ops,
        IReadOnlyList<TState> starts,
        SearchBudget budget,
        CheckLimits limits,
        bool allEnds,
        bool recordDeepest,
        out DeepestPoint<TState>? deepest,
        long cut = long.MaxValue)
        where TState : IEquatable<TState>
    {
        deepest = null;
        var search = new SegmentSearch<TOp, TState>(specification, ops, cut);
        var ends = new HashSet<TState>();
        var any = false;
        foreach (var start in starts)
        {
            var outcome = search.Run(start, budget, allEnds, ends, limits.MaxEndStates, recordDeepest);
            switch (outcome)
            {
                case SearchOutcome.Linearizable when !allEnds && !specification.OrderIndependent:
                    // A guess is enough to go on with: one end of one start.
                    return (SearchOutcome.Linearizable, ends.ToList());
                case SearchOutcome.Linearizable:
                    any = true;
                    break;
                case SearchOutcome.NotLinearizable:
                    if (search.Deepest is { } point && (deepest is null || point.Linearized.Length > deepest.Linearized.Length))
                    {
                        deepest = point;
                    }
                    break;
                default:
                    return (outcome, []);
            }
            if (ends.Count > limits.MaxEndStates)
            {
                return (SearchOutcome.TooManyEnds, []);
            }
        }
        return any ? (SearchOutcome.Linearizable, ends.ToList()) : (SearchOutcome.NotLinearizable, []);
    }

    /// <summary>
    /// The failing segment [start, end) cut to its shortest failing prefix in time: the operations called
    /// before the first one left out, those still running at that moment being pending (they may take
    /// effect or not). A history that is linearizable has every such prefix linearizable, so a failing
    /// prefix is a genuine violation, and the prefixes fail from some length on: a binary search finds
    /// the shortest (a prefix whose check runs out of budget counts as not failing). Then the deepest
    /// point the search reached in it.
    /// </summary>
    private static FailingWindow<TOp> Minimise<TOp, TState>(
        ISequentialSpecification<TOp, TState> specification,
        IReadOnlyList<HistoryEntry<TOp>> partition,
        int start,
        int end,
        IReadOnlyList<TState> states,
        CheckLimits limits)
        where TState : IEquatable<TState>
    {
        var segment = Slice(partition, start, end);
        long CutAfter(int length) => length < segment.Count ? segment[length].Call : long.MaxValue;
        var budget = new SearchBudget(limits);
        var low = 1;
        var high = segment.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var (outcome, _) = SearchAll(specification, Slice(segment, 0, middle), states, budget, limits,
                allEnds: false, recordDeepest: false, out _, CutAfter(middle));
            if (outcome == SearchOutcome.NotLinearizable)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        var window = Slice(segment, 0, high);
        var cut = CutAfter(high);
        SearchAll(specification, window, states, new SearchBudget(limits), limits, allEnds: false, recordDeepest: true, out var deepest, cut);
        var startState = states.Count == 1
            ? specification.Describe(states[0])
            : string.Create(CultureInfo.InvariantCulture, $"any of {states.Count} states, the first: {specification.Describe(states[0])}");
        var pending = window.Where(e => e.Return > cut).ToList();
        if (deepest is null)
        {
            return new FailingWindow<TOp>(window, pending, start, startState, [], null, []);
        }
        var stuck = deepest.Candidates
            .Select(i => new StuckOperation<TOp>(window[i], specification.Refusal(deepest.State, window[i].Operation)
                ?? "allowed here, but every way on from it fails later"))
            .ToList();
        return new FailingWindow<TOp>(window, pending, start, startState, deepest.Linearized.Select(i => window[i]).ToList(), window[deepest.Overdue], stuck);
    }

    private static IReadOnlyList<HistoryEntry<TOp>> Slice<TOp>(IReadOnlyList<HistoryEntry<TOp>> list, int start, int end)
    {
        var slice = new HistoryEntry<TOp>[end - start];
        for (var i = start; i < end; i++)
        {
            slice[i - start] = list[i];
        }
        return slice;
    }
}
