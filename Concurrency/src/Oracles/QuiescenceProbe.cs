using System.Globalization;
using Conformance.Contracts;
using Conformance.Smp;

namespace Conformance.Concurrency.Oracles;

/// <summary>
/// The black-box half of <c>quiescent-clean</c>: a csd left locked is seen only by the next call that
/// needs it, so each caller ends with probe calls through the ledger, a no-wait call_single (through
/// its per-cpu single entry) and, on three CPUs or more, a waiting many-call (through its many-call
/// entry). A probe that never returns is reported as <c>quiescent-clean</c> by the ledger.
/// </summary>
public sealed class QuiescenceProbe(Platform platform, CallLedger ledger, ICrossCall ipi, int callers)
{
    private readonly Word arrived = platform.NewWord("probe.arrived");

    /// <summary>Waits until every caller has made its calls, then probes from <paramref name="cpu"/>.</summary>
    public void AfterEveryCaller(int cpu)
    {
        arrived.Add(1);
        platform.WaitUntil(() => arrived.Read() == callers, "every caller to finish its calls");
        Probe(cpu);
    }

    /// <summary>The probe calls from <paramref name="cpu"/>, now.</summary>
    public void Probe(int cpu)
    {
        var next = (cpu + 1) % platform.CpuCount;
        var single = ledger.Issue(cpu, CpuMask.Of(next), wait: false, string.Create(CultureInfo.InvariantCulture, $"call_single({next})"), single: true, probe: true);
        ledger.Returned(single, ipi.CallSingle(next, single.Func, single, wait: false));
        if (platform.CpuCount < 3)
        {
            return;
        }
        var others = CpuMask.All(platform.CpuCount).Without(cpu);
        var many = ledger.Issue(cpu, others, wait: true, $"call_many({others})", single: false, probe: true);
        ipi.CallMany(others, many.Func, many, wait: true);
        ledger.Returned(many, 0);
    }
}
