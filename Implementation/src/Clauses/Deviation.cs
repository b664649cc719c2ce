namespace Conformance.Clauses;

/// <summary>One observation of a clause that held under the seed's reading but not the kernel's.</summary>
public sealed record Deviation(Clause Clause, string Message)
{
    public override string ToString() => $"{Clause.Id}: {Message}";
}
