namespace Conformance.Cli.Checks.Adapters;

/// <summary>
/// How long <c>conformance replay stress:...</c> keeps re-running a line before it says the failure did
/// not come back. A line fixes the streams, not the timing, so whether a replay fails again is a coin
/// with the line's own odds; the cap is set so that a line that failed once comes back all but surely.
/// </summary>
/// <remarks>
/// Measured on the lines the kill matrix test can print (seed 1, quick level: runs 0 to 5 of 1000
/// operations on 4 CPUs). A first pass replayed 8 lines of each stress-killable mutant 8 times: the
/// allocator mutants, pool-chain-slot-mismatch, ipi-no-csd-lock, ipi-refs-after-publish and
/// ipi-send-before-enqueue failed every replay. The four that did not got 100 replays of each line:
/// the rarest line that fails at all is
/// pool-no-refill-when-empty's run 0 at 12 of 100 (its refill-liveness failure needs the stream's last
/// fill below the low watermark and the refill to lose a race); the next, ipi-unlock-before-copy's run 2
/// at 24 of 100; most are above 70 of 100. At 12% a miss in 400 attempts is 0.88^400 = 6e-23, and still
/// 3e-12 at 6.4% (the 95% lower bound of 12 in 100); its run 3 line never failed (0 of 100), so the
/// matrix all but never prints it. Those runs take 20 to 80 ms,
/// so 400 attempts stay within seconds. The cross-call mutants whose lost call hangs a waiting caller
/// take the hang grace (5 s) per attempt, so there the time cap binds first, at 36 attempts: their lines
/// failed 51 of 56 replays (ipi-clear-bit-after-call, worst line 6 of 8) and 64 of 64
/// (ipi-send-before-enqueue), so a miss is about 0.09^36 = 1e-38, and 0.25^36 = 2e-22 at the worst line.
/// </remarks>
internal static class StressReplayBounds
{
    public const int Attempts = 400;

    public static readonly TimeSpan TimeCap = TimeSpan.FromMinutes(3);
}
