using System.Diagnostics;
using System.Globalization;
using Conformance.Backends.Threaded;

namespace Conformance.Stress.Harness;

/// <summary>
/// Stops a run whose machine stopped making progress: no operation of the history started or finished
/// for <c>grace</c> (like CONFIG_CSD_LOCK_WAIT_DEBUG's report of a csd held too long). A lost call whose
/// sender waits, a deadlock or a livelock is then reported that long after it happens, instead of at the
/// run's time limit, which counts from the start.
/// </summary>
internal sealed class StallWatchdog : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly ManualResetEventSlim done = new(false);
    private readonly Thread thread;

    public StallWatchdog(ThreadedPlatform platform, Func<long> progress, TimeSpan grace)
    {
        thread = new Thread(() => Watch(platform, progress, grace))
        {
            IsBackground = true,
            Name = "stress stall watchdog",
        };
        thread.Start();
    }

    public void Dispose()
    {
        done.Set();
        thread.Join();
        done.Dispose();
    }

    private void Watch(ThreadedPlatform platform, Func<long> progress, TimeSpan grace)
    {
        var last = progress();
        var since = Stopwatch.StartNew();
        while (!done.Wait(Poll))
        {
            var now = progress();
            if (now != last)
            {
                last = now;
                since.Restart();
            }
            else if (since.Elapsed >= grace)
            {
                platform.Abort(string.Create(CultureInfo.InvariantCulture,
                    $"the machine made no progress for {grace.TotalSeconds:0.##} s (no operation started or finished)"));
                return;
            }
        }
    }
}
