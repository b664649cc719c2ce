using Conformance.Smp;

namespace Conformance.Contracts;

/// <summary>
/// Generic IPI cross-calls (<c>kernel/smp.c</c> after the -v4 "remove kmalloc()" patch). Constructed
/// as <c>new T(Platform platform)</c>; the constructor registers the IPI handlers it needs.
/// </summary>
/// <remarks>
/// Contract level: each call runs <c>func(info)</c> exactly once on each target CPU (online, other than
/// the caller, except that a single call to the caller's own CPU runs locally with interrupts disabled),
/// with the <c>info</c> of that call and never another's; a waiting call returns only after every
/// target has taken the call and one has run <c>func</c> (a single call: after its target ran it); a
/// non-waiting call may return before; no call is lost: once every
/// IPI has been delivered, every target has run every call sent to it. The caller may re-use nothing
/// but <c>func</c> and <c>info</c>, which the implementation must copy before it lets its entry be re-used.
/// Calling <see cref="CallMany"/> or <see cref="Call"/> with interrupts disabled is the seed's WARN_ON:
/// a <see cref="PlatformViolationException"/>.
/// The wait rule is the seed's: its call-function handler drops the entry's last reference and
/// completes the wait after its own <c>func</c>, while a target that took the entry earlier may not
/// have entered its copy of <c>func</c> yet (the kernel made a synchronous wait cover every target's
/// <c>func</c> later, 8053871d0f7f). An implementation that waits for every <c>func</c> conforms too.
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
