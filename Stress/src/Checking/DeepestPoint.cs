namespace Conformance.Stress.Checking;

/// <summary>
/// Where a failed search got furthest: the operations linearised in order (segment indices), the state
/// they led to, the operation whose return was reached before it could be linearised, and the
/// operations that were candidates to go next there.
/// </summary>
internal sealed record DeepestPoint<TState>(int[] Linearized, TState State, int Overdue, int[] Candidates);
