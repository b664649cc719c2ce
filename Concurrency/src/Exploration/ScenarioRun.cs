using Conformance.Clauses;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// One iteration's instance of a scenario: an optional <paramref name="Setup"/> run alone on CPU0
/// before anything else (initialisation that itself uses the platform), the programs of the CPUs, and
/// an oracle run by the harness at quiescence (it may Peek at shared state; it must not run platform
/// operations). <paramref name="Explain"/> may turn a failure into the oracle's words (a deadlock in
/// which a request never ran is a lost call). <paramref name="Rules"/> is the book the oracles judged
/// the contract's clauses in: the deviations it recorded are the iteration's.
/// </summary>
public sealed record ScenarioRun(
    IReadOnlyList<Action?> Programs,
    Action? AtQuiescence = null,
    Action? Setup = null,
    Func<Exception, Exception>? Explain = null,
    RuleBook? Rules = null);
