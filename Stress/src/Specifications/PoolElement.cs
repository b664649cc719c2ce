namespace Conformance.Stress.Specifications;

/// <summary>An element's status and who it concerns: the context that allocated it (unsettled, settled, taken) or its holder.</summary>
public readonly record struct PoolElement(PoolElementStatus Status, int Context);
