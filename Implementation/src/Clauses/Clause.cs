using Conformance.Catalog;

namespace Conformance.Clauses;

/// <summary>
/// One clause of a mechanism's contract, as the checks evaluate it. <see cref="Id"/> is what every
/// oracle that evaluates the clause reports (the properties, exploration of fixed and generated
/// programs, stress), so a failure names the same clause whichever check found it.
/// </summary>
/// <param name="Id">Short and stable, such as <c>lost-call</c>; unique across mechanisms.</param>
/// <param name="Mechanism">The contract it belongs to.</param>
/// <param name="Statement">What the contract says, in its words.</param>
/// <param name="Source">Where it comes from: the seed, a kernel commit, the documented API.</param>
public sealed record Clause(string Id, Mechanism Mechanism, string Statement, string Source)
{
    /// <summary>
    /// What the seed accepts instead, where it reads the clause more weakly than the kernel's documented
    /// API (<see cref="Contracts.RuleSet.Seed"/>); null when both read it the same.
    /// </summary>
    public string? SeedReading { get; init; }

    /// <summary>
    /// Where the clause cannot be decided exactly under concurrency: what the oracles decide instead, and
    /// why that is sound. Null when it is decided exactly.
    /// </summary>
    public string? UnderConcurrency { get; init; }

    public override string ToString() => Id;
}
