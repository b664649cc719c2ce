using Conformance.Stress.Checking;

namespace Conformance.Stress.Tests.Checking;

/// <summary>Builds hand-made histories: one entry per (context, operation, call, return), numbered from 1 in the order given.</summary>
public static class Histories
{
    public static IReadOnlyList<HistoryEntry<TOp>> Of<TOp>(params (int Context, TOp Op, long Call, long Return)[] entries) =>
        entries.Select((e, i) => new HistoryEntry<TOp>(i + 1, $"CPU{e.Context}", e.Op, e.Call, e.Return)).ToList();
}
