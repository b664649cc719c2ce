using System.Numerics;

namespace Conformance.Models;

/// <summary>
/// One cross-call: who called, through which entry point, the CPUs it must run on (the caller and
/// offline CPUs already removed, as the seed does), whether the caller waits, and how it is served.
/// </summary>
public sealed record CallRequest(int Id, int Caller, CallKind Kind, ulong Targets, bool Wait, CallPath Path)
{
    /// <summary>
    /// The request a call makes on a machine of <paramref name="cpuCount"/> online CPUs. For
    /// <see cref="CallKind.Single"/> <paramref name="asked"/> is the target CPU's bit (0 for a CPU that
    /// does not exist); for Many it is the mask; All ignores it.
    /// </summary>
    public static CallRequest Plan(int id, int caller, CallKind kind, ulong asked, bool wait, int cpuCount)
    {
        var online = cpuCount == 64 ? ulong.MaxValue : (1UL << cpuCount) - 1;
        var me = 1UL << caller;
        if (kind == CallKind.Single)
        {
            if (asked == me)
            {
                return new CallRequest(id, caller, kind, me, wait, CallPath.Local);
            }
            if ((asked & online) == 0)
            {
                return new CallRequest(id, caller, kind, 0, wait, CallPath.Offline);
            }
            return new CallRequest(id, caller, kind, asked, wait, wait ? CallPath.SingleSync : CallPath.SingleAsync);
        }
        var targets = (kind == CallKind.All ? online : asked & online) & ~me;
        var path = BitOperations.PopCount(targets) switch
        {
            0 => CallPath.Nothing,
            // The seed's fast path: one target is served by smp_call_function_single.
            1 => wait ? CallPath.SingleSync : CallPath.SingleAsync,
            _ => CallPath.Many,
        };
        return new CallRequest(id, caller, kind, targets, wait, path);
    }

    public bool Local => Path == CallPath.Local;

    public bool IsTarget(int cpu) => (Targets & (1UL << cpu)) != 0;

    public IEnumerable<int> TargetCpus()
    {
        for (var cpu = 0; cpu < 64; cpu++)
        {
            if ((Targets & (1UL << cpu)) != 0)
            {
                yield return cpu;
            }
        }
    }

    public override string ToString() =>
        $"#{Id} CPU{Caller} {Kind} -> {{{string.Join(",", TargetCpus())}}}{(Wait ? " wait" : "")} ({Path})";
}
