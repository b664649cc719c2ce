namespace Conformance.Stress;

/// <summary>What a stress run concluded.</summary>
public enum StressVerdict
{
    /// <summary>Every oracle held and the history is linearizable.</summary>
    Passed,
    /// <summary>An oracle saw the contract broken, the run did not get back to quiescence, or the history is not linearizable.</summary>
    Failed,
    /// <summary>Every oracle held, but the linearizability check ran out of steps or time: neither a pass nor a fail.</summary>
    Unknown,
}
