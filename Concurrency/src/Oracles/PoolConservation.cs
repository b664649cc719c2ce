using Conformance.Concurrency.Exploration;
using Conformance.Contracts;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// The pool's oracle at quiescence: its chain agrees with its count and holds each element once, it
/// holds no freed element, and nothing is lost: allocated = in pool + held + freed.
/// </summary>
public static class PoolConservation
{
    public static void Check(IPercpuPool pool, RecordingAllocator allocator, HolderLedger holders)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(allocator);
        ArgumentNullException.ThrowIfNull(holders);
        var elements = pool.Elements();
        var state = new List<string>
        {
            $"allocated {allocator.Allocated}, freed {allocator.Freed}, in pool {pool.Count} (chain {elements.Count}), held {holders.Held}",
        };
        if (elements.Count != pool.Count || elements.Distinct().Count() != elements.Count)
        {
            throw new OracleViolationException("pool-chain", $"the pool says it holds {pool.Count} elements but its chain has {elements.Count} ({elements.Distinct().Count()} distinct)", state);
        }
        if (elements.FirstOrDefault(e => !allocator.IsLive(e)) is { IsNull: false } freed)
        {
            throw new OracleViolationException("freed-hand-out", $"the pool holds {freed}, which was freed", state);
        }
        if (allocator.Allocated != elements.Count + holders.Held + allocator.Freed)
        {
            throw new OracleViolationException("lost-element",
                $"nothing lost at quiescence fails: allocated {allocator.Allocated} != in pool {elements.Count} + held {holders.Held} + freed {allocator.Freed}", state);
        }
    }
}
