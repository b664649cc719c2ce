using System.Globalization;
using Conformance.Catalog;
using Conformance.Stress.Checking;

namespace Conformance.Stress;

/// <summary>
/// The outcome of one stress run: the verdict, how much was done and how long it took, what the
/// linearizability check said, and for a failure (or an unknown) the report and the line that re-runs it.
/// </summary>
public sealed record StressResult
{
    public required StressVerdict Verdict { get; init; }

    public required ImplementationEntry Implementation { get; init; }

    public required StressOptions Options { get; init; }

    /// <summary>Operations the CPUs performed: their streams (cut short by the time budget or a failure) and the final releases.</summary>
    public required int OperationsDone { get; init; }

    /// <summary>Operations in the recorded history (with IPI handler runs and the pool's own allocator calls).</summary>
    public required int HistoryLength { get; init; }

    /// <summary>Wall time of the threaded run.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Wall time of the linearizability check.</summary>
    public required TimeSpan CheckElapsed { get; init; }

    /// <summary>What the linearizability check concluded about the recorded history.</summary>
    public required CheckVerdict Linearizability { get; init; }

    /// <summary>The linearizability check in one line: verdict, operations, sub-histories, segments, steps, time.</summary>
    public required string CheckSummary { get; init; }

    /// <summary>The broken rule (an oracle's name such as <c>lost-call</c>, <c>not-linearizable</c>, or an exception's type); null when passed.</summary>
    public string? Failure { get; init; }

    /// <summary>The full report for a failure or an unknown: seed, window, what was seen, reproduction, advice. Null when passed.</summary>
    public string? Report { get; init; }

    /// <summary><c>stress:&lt;mechanism&gt;:&lt;impl-name&gt;:&lt;seed&gt;:&lt;cpus&gt;:&lt;ops&gt;:&lt;chaos 0|1&gt;</c>.</summary>
    public required string Reproduction { get; init; }

    /// <summary>What the oracles saw break the kernel's reading but not the seed's, in a run at the seed's rules (first first).</summary>
    public IReadOnlyList<Clauses.Deviation> Deviations { get; init; } = [];

    /// <summary>Operations per second of the threaded run.</summary>
    public double OperationsPerSecond => Elapsed > TimeSpan.Zero ? OperationsDone / Elapsed.TotalSeconds : 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Verdict.ToString().ToUpperInvariant()} {Implementation}: {OperationsDone} ops in {Elapsed.TotalSeconds:0.00} s ({OperationsPerSecond:0} ops/s), history {HistoryLength}, {Linearizability}{(Failure is null ? "" : $", {Failure}")} [{Reproduction}]");
}
