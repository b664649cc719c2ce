using Conformance.Smp;

namespace Conformance.Contracts;

/// <summary>
/// Generic IPI cross-calls (<c>kernel/smp.c</c> after the -v4 "remove kmalloc()" patch). Constructed
/// as <c>new T(Platform platform)</c>; the constructor registers the IPI handlers it needs.
/// </summary>
/// <remarks>
/// Contract level: each call runs <c>func(info)</c> exactly once on each target CPU (online, other than
/// the caller, except that a single call to the caller's own CPU runs locally with interrupts disabled),
/// with the <c>info</c> of that call and never another's, in interrupt context with interrupts disabled
/// (a local call: with interrupts disabled); a waiting call returns only after <c>func</c> has returned on
/// every target, and no <c>func</c> touches <c>info</c> after that; a non-waiting call may return before;
/// no call is lost: once every IPI has been delivered, every target has run every call sent to it, and
/// nothing is left pending or locked. The caller may re-use nothing but <c>func</c> and <c>info</c>, which
/// the implementation must copy before it lets its entry be re-used.
/// Calling <see cref="CallMany"/> or <see cref="Call"/> with interrupts disabled is the seed's WARN_ON:
/// a <see cref="PlatformViolationException"/>.
/// The wait has two readings (<see cref="RuleSet"/>). The kernel's documented API ("wait until function
/// has completed on other CPUs"), the code before the seed, and "generic-ipi: remove CSD_FLAG_WAIT" (Peter
/// Zijlstra, Feb 2009, merged days after the seed) wait for every target's <c>func</c>: the default rule
/// set. The seed's -v4 call-function handler completes a waiting call_many after the LAST target to take
/// the entry ran its own <c>func</c>, while a target that took it earlier may not have entered its copy
/// yet: <see cref="RuleSet.Seed"/> accepts that, and the reference claims it (a known deviation from the
/// kernel's rule, reported with its reproduction).
/// A CPU taken offline during a call (<see cref="Platform.CpuDown"/>) may run it or not: only CPUs that
/// were online for the whole call are guaranteed to (kernel 723aae25d5cd); the call must still return.
/// </remarks>
public interface ICrossCall
{
    /// <summary><c>smp_call_function_single(cpu, func, info, wait)</c>: 0, or -6 (-ENXIO) when the CPU is not online.</summary>
    int CallSingle(int cpu, SmpCallFunc func, object? info, bool wait);

    /// <summary><c>smp_call_function_many(mask, func, info, wait)</c>: every online CPU in the mask but the caller.</summary>
    void CallMany(CpuMask mask, SmpCallFunc func, object? info, bool wait);

    /// <summary><c>smp_call_function(func, info, wait)</c>: every other online CPU; returns 0.</summary>
    int Call(SmpCallFunc func, object? info, bool wait);
}
