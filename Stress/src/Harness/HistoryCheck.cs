namespace Conformance.Stress.Harness;

/// <summary>The linearizability check of a run, in words: its verdict, a one-line summary, the failing window or the last operations.</summary>
internal sealed record HistoryCheck(Checking.CheckVerdict Verdict, int Operations, string Summary, string? Window, IReadOnlyList<string> LastOperations);
