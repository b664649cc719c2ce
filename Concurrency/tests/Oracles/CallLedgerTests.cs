using Conformance.Backends.Sequential;
using Conformance.Clauses;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Smp;
using Xunit;

namespace Conformance.Concurrency.Tests.Oracles;

/// <summary>
/// The wait rule of the call ledger is the seed's: a waiting many-call is owed one target's run when it
/// returns (its last taker ran func), the others by quiescence; a waiting single call is owed its target's.
/// </summary>
public sealed class CallLedgerTests : IDisposable
{
    private readonly SequentialPlatform platform = new(cpuCount: 3);
    private readonly CallLedger ledger;

    public CallLedgerTests() => ledger = new CallLedger(platform, new RuleBook(RuleSet.Seed));

    public void Dispose() => platform.Dispose();

    [Fact]
    public void AWaitingManyCallMayReturnOnceOneTargetRanIt()
    {
        var request = ledger.Issue(0, CpuMask.Of(1, 2), wait: true, "call_many");
        RunOn(1, request);

        ledger.Returned(request);

        var lost = Assert.Throws<OracleViolationException>(ledger.CheckAllRan);
        Assert.Equal("lost-call", lost.Oracle);
        RunOn(2, request);
        ledger.CheckAllRan();
    }

    [Fact]
    public void AWaitingManyCallThatReturnsBeforeAnyTargetRanItReturnedEarly()
    {
        var request = ledger.Issue(0, CpuMask.Of(1, 2), wait: true, "call_many");

        var early = Assert.Throws<OracleViolationException>(() => ledger.Returned(request));

        Assert.Equal("early-return", early.Oracle);
    }

    [Fact]
    public void AWaitingSingleCallIsOwedItsTargetsRun()
    {
        var request = ledger.Issue(0, CpuMask.Of(2), wait: true, "call_single");

        var early = Assert.Throws<OracleViolationException>(() => ledger.Returned(request));

        Assert.Equal("early-return", early.Oracle);
    }

    [Fact]
    public void ANonWaitingCallMayReturnBeforeAnyTargetRanIt()
    {
        var request = ledger.Issue(0, CpuMask.Of(1, 2), wait: false, "call_many");

        ledger.Returned(request);

        Assert.Equal("lost-call", Assert.Throws<OracleViolationException>(ledger.CheckAllRan).Oracle);
    }

    private void RunOn(int cpu, CallRequest request) => platform.On(cpu, () => ledger.Func(request));
}
