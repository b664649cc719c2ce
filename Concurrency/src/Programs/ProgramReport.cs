using System.Globalization;
using System.Text;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Reports;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// The report of a failing program, Lincheck's way: the program per CPU (and the one drawn, when it was
/// shrunk), what broke, the interleaving, the state at the failure, and the line that reproduces it.
/// </summary>
public static class ProgramReport
{
    public static string Render(IterationOutcome failure, ProgramReproduction reproduction, ConcurrentProgram? drawn = null, IterationOutcome? found = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(reproduction);
        var inv = CultureInfo.InvariantCulture;
        var program = reproduction.Program;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"VIOLATION in generated {ProgramReproduction.MechanismName(program.Mechanism)} program {program} (implementation {reproduction.Implementation})");
        if (failure.Error is { } error)
        {
            sb.AppendLine(inv, $"  {FailureReport.Headline(error)}");
        }
        sb.AppendLine();
        sb.AppendLine("Program:");
        if (program.Mechanism == Catalog.Mechanism.Allocator)
        {
            sb.AppendLine(inv, $"  reserve {program.ReserveBytes} bytes");
        }
        for (var cpu = 0; cpu < program.CpuCount; cpu++)
        {
            sb.AppendLine(inv, $"  CPU{cpu}: {(program.Cpus[cpu].IsEmpty ? "(takes interrupts)" : string.Join(", ", program.Cpus[cpu]))}");
        }
        if (drawn is not null && drawn.ToString() != program.ToString())
        {
            sb.AppendLine(inv, $"  shrunk from {drawn} ({drawn.OperationCount} operations on {drawn.CpuCount} CPUs to {program.OperationCount} on {program.CpuCount})");
        }
        sb.AppendLine();
        var foundBy = found ?? failure;
        sb.AppendLine(inv, $"Found by {foundBy.Strategy} at iteration {foundBy.Iteration}; schedule: {failure.Trace.Count} decisions, {failure.Trace.Preemptions} preemption(s).");
        sb.AppendLine();
        sb.AppendLine("Interleaving:");
        sb.Append(InterleavingTable.Render(failure.Trace, program.CpuCount));
        FailureReport.AppendStateAndReproduction(sb, failure.Error, reproduction.ToString());
        return sb.ToString();
    }
}
