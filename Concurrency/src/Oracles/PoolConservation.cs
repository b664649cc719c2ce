using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Contracts;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// The pool's <c>conservation</c> oracle at quiescence: its chain agrees with its count and holds each
/// element once, only live elements and none a holder has, and nothing is lost: allocated = in pool +
/// held + freed.
/// </summary>
public static class PoolConservation
{
    /// <summary>Judged by the kernel's rules (the clause reads the same under both).</summary>
    public static void Check(IPercpuPool pool, RecordingAllocator allocator, HolderLedger holders) =>
        Check(pool, allocator, holders, RuleBook.Kernel);

    public static void Check(IPercpuPool pool, RecordingAllocator allocator, HolderLedger holders, RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(allocator);
        ArgumentNullException.ThrowIfNull(holders);
        ArgumentNullException.ThrowIfNull(rules);
        var elements = pool.Elements();
        var fault = PoolClauseChecks.Conservation(
            pool.Count, elements, allocator.Allocated, holders.Held, allocator.Freed, allocator.IsLive, holders.IsHeld);
        if (fault is not null && rules.Judge(ContractClauses.Conservation, holds: false, fault) == ClauseVerdict.Broken)
        {
            throw new OracleViolationException(ContractClauses.Conservation.Id, fault,
            [
                $"allocated {allocator.Allocated}, freed {allocator.Freed}, in pool {pool.Count} (chain {elements.Count}), held {holders.Held}",
            ]);
        }
    }
}
