namespace Conformance.Properties;

/// <summary>How much of the reference's behaviour an implementation is held to.</summary>
public enum ConformanceLevel
{
    /// <summary>Safety and liveness only: what every implementation of the contract must do.</summary>
    Contract,
    /// <summary>Also the reference's policy: cpu_alloc's exact first fit, the pool's exact refill trigger, the seed's queues.</summary>
    Strict,
}
