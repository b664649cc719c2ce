using Conformance.Backends.Sequential;
using Conformance.Contracts;
using Conformance.CrossCall;
using Conformance.Smp;

namespace Conformance.Defects.Tests;

/// <summary>
/// Each cross-call defect that shows when IPIs are delivered one at a time breaks its contract
/// sentence on a witness run where the reference keeps it.
/// </summary>
public sealed class CrossCallWitnessTests
{
    private static readonly Func<Platform, ICrossCall> Reference = p => new GenericIpi(p);

    [Fact]
    public void Enxio_positive_returns_plus_six_for_an_offline_cpu()
    {
        Assert.Equal(-6, CallOffline(Reference));
        Assert.Equal(6, CallOffline(p => new IpiEnxioPositive(p)));
    }

    [Fact]
    public void Enxio_checking_possible_cpus_returns_zero_for_an_offline_cpu()
    {
        Assert.Equal(-6, CallOffline(Reference));
        Assert.Equal(0, CallOffline(p => new IpiEnxioChecksPossible(p)));
    }

    [Fact]
    public void Local_func_before_irq_save_runs_with_interrupts_enabled()
    {
        static bool Disabled(Func<Platform, ICrossCall> make) => Run(make, (m, ipi) =>
        {
            var disabled = false;
            m.On(0, () => ipi.CallSingle(0, _ => disabled = m.IrqsDisabled, null, wait: false));
            return disabled;
        });
        Assert.True(Disabled(Reference));
        Assert.False(Disabled(p => new IpiLocalFuncBeforeIrqSave(p)));
    }

    [Fact]
    public void Complete_by_any_target_returns_before_the_other_target_ran()
    {
        static bool ReturnedEarly(Func<Platform, ICrossCall> make) => Run(make, (m, ipi) =>
        {
            var call = m.Start(0, () => ipi.CallMany(CpuMask.Of(1, 2), _ => { }, null, wait: true));
            Assert.True(m.DeliverIpi(1));
            var early = call.IsCompleted;
            m.Drain();
            return early;
        });
        Assert.False(ReturnedEarly(Reference));
        Assert.True(ReturnedEarly(p => new IpiManyCompleteAnyTarget(p)));
    }

    [Fact]
    public void Last_taker_unlocking_with_irq_runs_its_func_with_interrupts_enabled()
    {
        static bool AllDisabled(Func<Platform, ICrossCall> make) => Run(make, (m, ipi) =>
        {
            var disabled = new List<bool>();
            m.On(0, () => ipi.CallMany(CpuMask.Of(1, 2), _ => disabled.Add(m.IrqsDisabled), null, wait: false));
            m.Drain();
            Assert.Equal(2, disabled.Count);
            return disabled.TrueForAll(d => d);
        });
        Assert.True(AllDisabled(Reference));
        Assert.False(AllDisabled(p => new IpiManyLastTakerUnlockIrq(p)));
    }

    [Fact]
    public void Refs_counting_self_leaves_the_entry_locked_after_smp_call_function()
    {
        static bool SecondCallReturns(Func<Platform, ICrossCall> make) => Run(make, (m, ipi) =>
        {
            m.On(0, () => ipi.Call(_ => { }, null, wait: false));
            m.Drain();
            var second = m.Start(0, () => ipi.Call(_ => { }, null, wait: false));
            return second.IsCompleted;
        });
        Assert.True(SecondCallReturns(Reference));
        Assert.False(SecondCallReturns(p => new IpiManyRefsCountSelf(p)));
    }

    [Fact]
    public void Warning_in_interrupt_only_accepts_call_many_with_interrupts_disabled()
    {
        static Exception? Refusal(Func<Platform, ICrossCall> make) => Run(make, (m, ipi) =>
        {
            Exception? refused = null;
            m.On(0, () =>
            {
                var flags = m.LocalIrqSave();
                refused = Record.Exception(() => ipi.CallMany(CpuMask.Of(1, 2), _ => { }, null, wait: false));
                m.LocalIrqRestore(flags);
            });
            m.Drain();
            return refused;
        });
        Assert.IsType<PlatformViolationException>(Refusal(Reference));
        Assert.Null(Refusal(p => new IpiManyWarnsInInterruptOnly(p)));
    }

    [Fact]
    public void Call_many_not_skipping_a_first_caller_runs_func_on_the_caller()
    {
        static int RanOnCaller(Func<Platform, ICrossCall> make) => Run(make, (m, ipi) =>
        {
            var ran = 0;
            m.On(0, () => ipi.CallMany(CpuMask.Of(0), _ => ran++, null, wait: false));
            m.Drain();
            return ran;
        });
        Assert.Equal(0, RanOnCaller(Reference));
        Assert.Equal(1, RanOnCaller(p => new IpiManyRunsOnSelf(p)));
    }

    [Fact]
    public void Queueing_on_the_own_cpu_loses_the_call()
    {
        static int RanOnTarget(Func<Platform, ICrossCall> make) => Run(make, (m, ipi) =>
        {
            var ran = 0;
            m.On(0, () => ipi.CallSingle(1, _ => ran += m.ThisCpu == 1 ? 1 : 0, null, wait: false));
            m.Drain();
            return ran;
        });
        Assert.Equal(1, RanOnTarget(Reference));
        Assert.Equal(0, RanOnTarget(p => new IpiSingleQueueOwnCpu(p)));
    }

    [Fact]
    public void Waiting_on_the_lock_flag_returns_before_func_ran()
    {
        static bool ReturnedEarly(Func<Platform, ICrossCall> make) => Run(make, (m, ipi) =>
        {
            var call = m.Start(0, () => ipi.CallSingle(1, _ => { }, null, wait: true));
            var early = call.IsCompleted;
            m.Drain();
            return early;
        });
        Assert.False(ReturnedEarly(Reference));
        Assert.True(ReturnedEarly(p => new IpiWaitOnLockFlag(p)));
    }

    private static int CallOffline(Func<Platform, ICrossCall> make) => Run(make, (m, ipi) =>
    {
        m.On(0, () => m.CpuDown(2));
        var result = m.On(0, () => ipi.CallSingle(2, _ => { }, null, wait: false));
        m.Drain();
        return result;
    });

    private static T Run<T>(Func<Platform, ICrossCall> make, Func<SequentialPlatform, ICrossCall, T> body)
    {
        using var machine = new SequentialPlatform(3);
        return body(machine, make(machine));
    }
}
