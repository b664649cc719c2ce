namespace Conformance.Cli.Checks;

/// <summary>
/// Replays one failure from the string a check printed. Each check that prints reproduction strings
/// owns one prefix (<c>prop</c>, <c>explore</c>, <c>stress</c>) and registers a replayer for it, usually
/// on the same adapter class as its <see cref="ICheck"/>. <c>conformance replay</c> dispatches on the
/// prefix through the <see cref="ReplayRegistry"/>.
/// </summary>
public interface IReplayer
{
    /// <summary>The prefix it owns, without the colon.</summary>
    string Prefix { get; }

    /// <summary>The form of a whole string it accepts, shown when one is malformed: <c>explore:&lt;mechanism&gt;/&lt;implementation&gt;:&lt;seed&gt;:&lt;trace&gt;</c>.</summary>
    string Form { get; }

    /// <summary>
    /// Runs the one failing case again. A malformed <see cref="Reproduction.Details"/> is a
    /// <see cref="ReproductionFormatException"/>; a failure that shows again is a
    /// <see cref="CheckVerdict.Violation"/>; a run that diverges from a recorded trace says so loudly.
    /// </summary>
    Task<CheckResult> ReplayAsync(Reproduction reproduction, ReplayContext context, CancellationToken cancellationToken);
}
