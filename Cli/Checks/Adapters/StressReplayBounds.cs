namespace Conformance.Cli.Checks.Adapters;

/// <summary>How long <c>conformance replay stress:...</c> keeps re-running a line before it says the failure did not come back.</summary>
internal static class StressReplayBounds
{
    public const int Attempts = 50;

    public static readonly TimeSpan TimeCap = TimeSpan.FromMinutes(3);
}
