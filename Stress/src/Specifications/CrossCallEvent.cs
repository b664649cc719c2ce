using System.Globalization;
using Conformance.Models;
using Conformance.Smp;

namespace Conformance.Stress.Specifications;

/// <summary>
/// One event of a cross-call request. <see cref="Request"/> is the request's number (its unique payload;
/// 0 when a CPU ran a payload no request sent); <see cref="Cpu"/> is the caller for a send or a completion
/// and the CPU that ran the function for a run; <see cref="Targets"/> the CPUs the request must run on
/// (the caller and offline CPUs removed, except that a single call to oneself runs locally).
/// </summary>
public sealed record CrossCallEvent(CrossCallEventKind Kind, int Request, int Cpu, CallKind Call, ulong Targets, bool Wait, int Result)
{
    public static CrossCallEvent Send(int request, int caller, CallKind call, ulong targets, bool wait, int result) =>
        new(CrossCallEventKind.Send, request, caller, call, targets, wait, result);

    public static CrossCallEvent Ran(int request, int cpu) => new(CrossCallEventKind.Run, request, cpu, CallKind.Single, 0, false, 0);

    public static CrossCallEvent Finished(int request, int cpu) => new(CrossCallEventKind.Finish, request, cpu, CallKind.Single, 0, false, 0);

    public static CrossCallEvent Completed(int request, int caller) => new(CrossCallEventKind.Complete, request, caller, CallKind.Single, 0, true, 0);

    public override string ToString() => Kind switch
    {
        CrossCallEventKind.Send => string.Create(CultureInfo.InvariantCulture,
            $"R{Request} {Name(Call)} to {new CpuMask(Targets)}{(Wait ? " wait" : "")} returns {Result}"),
        CrossCallEventKind.Run => Request == 0
            ? string.Create(CultureInfo.InvariantCulture, $"CPU{Cpu} ran a payload no request sent")
            : string.Create(CultureInfo.InvariantCulture, $"R{Request} ran on CPU{Cpu}"),
        CrossCallEventKind.Finish => string.Create(CultureInfo.InvariantCulture, $"R{Request}'s function returned on CPU{Cpu}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"R{Request}'s waiting caller CPU{Cpu} is back"),
    };

    private static string Name(CallKind call) => call switch
    {
        CallKind.Single => "smp_call_function_single",
        CallKind.Many => "smp_call_function_many",
        _ => "smp_call_function",
    };
}
