using Conformance.Catalog;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Concurrency.Scenarios;

/// <summary>
/// The cross-call scenarios: csd_lock re-use of the per-cpu entry, the call-function queue's re-queue
/// at head, and call_many racing CPU hotplug. Every request's payload is unique; the
/// <see cref="CallLedger"/> is the oracle.
/// </summary>
public static class CrossCallScenarios
{
    /// <summary>
    /// CPU0 issues no-wait call_single to CPU1 several times in a row, re-using its per-cpu csd, while
    /// CPU1 takes the IPIs (with two senders, CPU2 does the same).
    /// </summary>
    public static ScenarioFamily CsdLock { get; } = new(
        "csd-lock", Mechanism.CrossCall,
        "CPU0 makes back-to-back no-wait call_single to CPU1 through its per-cpu csd while CPU1 takes the IPIs",
        DefaultCpus: 2, DefaultOps: 3, MinCpus: 2, (type, cpus, ops, rules) => platform => SingleCalls(type, platform, rules, senders: [0], ops))
    { MaxCpus = 2 };

    /// <summary>CPU0 and CPU2 both make back-to-back no-wait call_single to CPU1.</summary>
    public static ScenarioFamily CsdLockTwoSenders { get; } = new(
        "csd-lock-two-senders", Mechanism.CrossCall,
        "CPU0 and CPU2 make back-to-back no-wait call_single to the same target, CPU1",
        DefaultCpus: 3, DefaultOps: 2, MinCpus: 3, (type, cpus, ops, rules) => platform => SingleCalls(type, platform, rules, senders: [0, 2], ops))
    { MaxCpus = 3 };

    /// <summary>
    /// CPU0 and CPU1 issue call_many to overlapping masks back to back (their cfd entries are deleted and
    /// re-added at the head) while the other CPUs' handlers walk the queue; no caller waits. Every other
    /// call leaves one walker out (see <see cref="MaskOf"/>), so a re-published entry need not interrupt
    /// a CPU still walking from its old place: only the head insertion keeps that CPU from skipping the
    /// entries behind it.
    /// </summary>
    public static ScenarioFamily RequeueAtHead { get; } = new(
        "requeue-at-head", Mechanism.CrossCall,
        "CPU0 and CPU1 make back-to-back call_many to overlapping masks, every other one leaving a walker out, while CPU2 and CPU3 walk the call-function queue",
        DefaultCpus: 4, DefaultOps: 2, MinCpus: 3, (type, cpus, ops, rules) => platform => ManyCalls(type, platform, rules, ops, wait: false));

    /// <summary>The same with every caller waiting for its targets.</summary>
    public static ScenarioFamily RequeueAtHeadWait { get; } = new(
        "requeue-at-head-wait", Mechanism.CrossCall,
        "as requeue-at-head, every call_many waiting for its targets",
        DefaultCpus: 4, DefaultOps: 2, MinCpus: 3, (type, cpus, ops, rules) => platform => ManyCalls(type, platform, rules, ops, wait: true));

    /// <summary>
    /// CPU0 makes back-to-back call_many to CPU1 and CPU2 (the first and every other one waiting) while
    /// CPU3 takes both targets down and brings them back up, once per call. The effective target set of a
    /// call can turn out empty between call_many's early checks and its publish step: the entry must then
    /// be csd_unlock'ed and nothing waited for, or CPU0 spins forever in csd_wait, or in the csd_lock of
    /// its next call (723aae25d5cd). A call runs at most once per CPU and only on CPU1 or CPU2, and must
    /// run on each that was online during the whole call; an IPI raised to a target that went offline
    /// since is still taken (see <see cref="Platform.SendIpiMask"/>).
    /// </summary>
    public static ScenarioFamily CallManyHotplug { get; } = new(
        "call-many-hotplug", Mechanism.CrossCall,
        "CPU0 makes back-to-back call_many to CPU1 and CPU2, the first and every other one waiting, while CPU3 takes both down and up again",
        DefaultCpus: 4, DefaultOps: 2, MinCpus: 4, (type, cpus, ops, rules) => platform => HotplugCalls(type, platform, rules, ops))
    { MaxCpus = 4 };

    /// <summary>
    /// CPU0 makes a call_single to a CPU the machine does not have (-ENXIO), then a waiting
    /// call_single to CPU1 and a call_single to itself (run locally with
    /// interrupts disabled; waiting on even rounds), while CPU1 makes a waiting call_many to every other
    /// CPU; once both are back, each probes its single and many-call entries with further calls
    /// (<see cref="QuiescenceProbe"/>): nothing may be left locked.
    /// </summary>
    public static ScenarioFamily SingleWaitLocal { get; } = new(
        "single-wait-local", Mechanism.CrossCall,
        "CPU0 makes a call_single to an absent CPU, a waiting call_single to CPU1 and a local call_single while CPU1 makes a waiting call_many to every other CPU; then both probe their entries",
        DefaultCpus: 3, DefaultOps: 1, MinCpus: 3, (type, cpus, ops, rules) => platform => WaitAndLocalCalls(type, platform, rules, ops))
    { MaxCpus = 4 };

    /// <summary>
    /// The mask of <paramref name="sender"/>'s call number <paramref name="call"/>: every other CPU, and on
    /// odd calls every other CPU but one walker (CPU2 for CPU0, CPU3 for CPU1) when that still leaves two
    /// targets (on three CPUs every call goes to both other CPUs).
    /// </summary>
    public static CpuMask MaskOf(int sender, int call, int cpus)
    {
        var all = CpuMask.All(cpus).Without(sender);
        var narrowed = all.Without(2 + sender);
        return call % 2 == 1 && narrowed.Count >= 2 ? narrowed : all;
    }

    private static ScenarioRun SingleCalls(Type type, Platform platform, RuleSet rules, int[] senders, int ops)
    {
        var ipi = ImplementationFactory.CreateCrossCall(type, platform);
        var book = new RuleBook(rules);
        var ledger = new CallLedger(platform, book);
        const int target = 1;
        var programs = new Action?[platform.CpuCount];
        foreach (var sender in senders)
        {
            programs[sender] = () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    Call(platform, ledger, sender, CpuMask.Of(target), wait: false, $"call_single({target})",
                        r => ipi.CallSingle(target, r.Func, r, wait: false), single: true);
                }
            };
        }
        return new ScenarioRun(programs, ledger.CheckQuiescent, Explain: ledger.Explain, Rules: book);
    }

    private static ScenarioRun ManyCalls(Type type, Platform platform, RuleSet rules, int ops, bool wait)
    {
        var ipi = ImplementationFactory.CreateCrossCall(type, platform);
        var book = new RuleBook(rules);
        var ledger = new CallLedger(platform, book);
        var programs = new Action?[platform.CpuCount];
        foreach (var sender in new[] { 0, 1 })
        {
            // The masks overlap on CPU2 and beyond.
            programs[sender] = () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    var mask = MaskOf(sender, i, platform.CpuCount);
                    Call(platform, ledger, sender, mask, wait, $"call_many({mask})",
                        r => { ipi.CallMany(mask, r.Func, r, wait); return 0; });
                }
            };
        }
        return new ScenarioRun(programs, ledger.CheckQuiescent, Explain: ledger.Explain, Rules: book);
    }

    private static ScenarioRun HotplugCalls(Type type, Platform platform, RuleSet rules, int ops)
    {
        var ipi = ImplementationFactory.CreateCrossCall(type, platform);
        var book = new RuleBook(rules);
        var ledger = new CallLedger(platform, book);
        var mask = CpuMask.Of(1, 2);
        var programs = new Action?[platform.CpuCount];
        programs[0] = () =>
        {
            for (var i = 0; i < ops; i++)
            {
                var wait = i % 2 == 0;
                Call(platform, ledger, 0, mask, wait, $"call_many({mask})",
                    r => { ipi.CallMany(mask, r.Func, r, wait); return 0; });
            }
        };
        programs[3] = () =>
        {
            for (var i = 0; i < ops; i++)
            {
                ledger.CpuDown(1);
                ledger.CpuDown(2);
                ledger.CpuUp(1);
                ledger.CpuUp(2);
            }
        };
        return new ScenarioRun(programs, ledger.CheckQuiescent, Explain: ledger.Explain, Rules: book);
    }

    private static ScenarioRun WaitAndLocalCalls(Type type, Platform platform, RuleSet rules, int ops)
    {
        var ipi = ImplementationFactory.CreateCrossCall(type, platform);
        var book = new RuleBook(rules);
        var ledger = new CallLedger(platform, book);
        var probe = new QuiescenceProbe(platform, ledger, ipi, callers: 2);
        var programs = new Action?[platform.CpuCount];
        var absent = platform.CpuCount;
        programs[0] = () =>
        {
            Call(platform, ledger, 0, CpuMask.Of(absent), wait: true, $"call_single({absent})",
                r => ipi.CallSingle(absent, r.Func, r, wait: true), single: true);
            for (var i = 0; i < ops; i++)
            {
                Call(platform, ledger, 0, CpuMask.Of(1), wait: true, "call_single(1)",
                    r => ipi.CallSingle(1, r.Func, r, wait: true), single: true);
                var wait = i % 2 == 0;
                Call(platform, ledger, 0, CpuMask.Of(0), wait, "call_single(0)",
                    r => ipi.CallSingle(0, r.Func, r, wait), single: true);
            }
            probe.AfterEveryCaller(0);
        };
        programs[1] = () =>
        {
            var others = CpuMask.All(platform.CpuCount).Without(1);
            for (var i = 0; i < ops; i++)
            {
                Call(platform, ledger, 1, others, wait: true, $"call_many({others})",
                    r => { ipi.CallMany(others, r.Func, r, wait: true); return 0; });
            }
            probe.AfterEveryCaller(1);
        };
        return new ScenarioRun(programs, ledger.CheckQuiescent, Explain: ledger.Explain, Rules: book);
    }

    private static void Call(Platform platform, CallLedger ledger, int caller, CpuMask targets, bool wait, string call, Func<CallRequest, int> issue, bool single = false, bool probe = false)
    {
        var request = ledger.Issue(caller, targets, wait, call, single, probe);
        platform.Annotate($"{call} R{request.Id}{(wait ? " wait" : "")} begins");
        var result = issue(request);
        platform.Annotate($"{call} R{request.Id} returns {result}");
        ledger.Returned(request, result);
    }
}
