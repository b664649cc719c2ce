namespace Conformance.Clauses;

/// <summary>What an oracle decided about one clause at one observation.</summary>
public enum ClauseVerdict
{
    /// <summary>The clause holds under the rules of the run.</summary>
    Holds,

    /// <summary>Broken under the kernel's reading, holding under the seed's, in a run at the seed's rules: recorded, not a failure.</summary>
    Deviates,

    /// <summary>Broken under the rules of the run: a violation.</summary>
    Broken,
}
