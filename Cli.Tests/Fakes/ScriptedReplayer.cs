using Conformance.Cli.Checks;

namespace Conformance.Cli.Tests.Fakes;

/// <summary>
/// Replays <c>fake:fail</c> as a violation and <c>fake:pass</c> as a clean run; any other details are
/// malformed. Records the implementation it was given.
/// </summary>
public sealed class ScriptedReplayer : IReplayer
{
    public string Prefix => "fake";

    public string Form => "fake:pass|fail";

    public ReplayContext? LastContext { get; private set; }

    public Task<CheckResult> ReplayAsync(Reproduction reproduction, ReplayContext context, CancellationToken cancellationToken)
    {
        LastContext = context;
        return reproduction.Details switch
        {
            "fail" => Task.FromResult(CheckResult.Violation(1, "cases", TimeSpan.FromMilliseconds(1),
                new CheckFailure("entry re-used while CPU1 still reads it", "CPU0 | CPU1", reproduction.ToString()))),
            "pass" => Task.FromResult(CheckResult.Conforms(1, "cases", TimeSpan.FromMilliseconds(1))),
            _ => throw new ReproductionFormatException($"malformed fake string '{reproduction}'; expected {Form}"),
        };
    }
}
