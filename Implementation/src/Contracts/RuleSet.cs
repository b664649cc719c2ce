namespace Conformance.Contracts;

/// <summary>
/// Which reading of a contract an oracle holds an implementation to, where the seed and the kernel's
/// documented API disagree. Only a few clauses differ (the cross-call wait, the pool's bound on
/// <c>nr</c>); every other clause reads the same under both.
/// </summary>
public enum RuleSet
{
    /// <summary>The documented API: a waiting call returns after every guaranteed target's <c>func</c> returned; the pool never holds more than its high watermark or the largest fill target.</summary>
    Kernel,

    /// <summary>The seed as posted: what the -v4 cross-call handler and the posted pool's unlocked <c>nr</c> read allow.</summary>
    Seed,
}
