namespace Conformance.Stress.Checking;

/// <summary>How the search of one segment from one start state ended.</summary>
internal enum SearchOutcome
{
    /// <summary>At least one linearisation was found (all of them, when collecting end states).</summary>
    Linearizable,
    NotLinearizable,
    OutOfBudget,
    /// <summary>More end states than <see cref="CheckLimits.MaxEndStates"/>.</summary>
    TooManyEnds,
}
