namespace Conformance.Stress.Checking;

/// <summary>What a linearizability check concluded.</summary>
public enum CheckVerdict
{
    /// <summary>Some order of the operations, consistent with real time, satisfies the specification.</summary>
    Linearizable,
    /// <summary>No such order exists: the history shows a violation.</summary>
    NotLinearizable,
    /// <summary>The check ran out of steps, time or states before it could tell; never a pass or a fail.</summary>
    Unknown,
}
