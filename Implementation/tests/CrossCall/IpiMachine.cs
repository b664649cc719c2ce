using Conformance.Backends.Sequential;
using Conformance.CrossCall;

namespace Conformance.Implementation.Tests.CrossCall;

/// <summary>A sequential machine with the reference cross-calls and a log of every function run.</summary>
internal sealed class IpiMachine : IDisposable
{
    public IpiMachine(int cpus = 4)
    {
        Machine = new SequentialPlatform(cpus);
        Ipi = new GenericIpi(Machine);
    }

    public SequentialPlatform Machine { get; }

    public GenericIpi Ipi { get; }

    /// <summary>Every run of <see cref="Record"/>: the info it was called with, where, and in what state.</summary>
    public List<Run> Runs { get; } = [];

    /// <summary>A call function that logs its run.</summary>
    public void Record(object? info) =>
        Runs.Add(new Run(info, Machine.ThisCpu, Machine.IrqsDisabled, Machine.InInterrupt));

    /// <summary>The CPUs <paramref name="info"/> ran on, in order.</summary>
    public IReadOnlyList<int> RanOn(object info) => Runs.Where(r => Equals(r.Info, info)).Select(r => r.Cpu).ToList();

    public void Dispose() => Machine.Dispose();

    public sealed record Run(object? Info, int Cpu, bool IrqsDisabled, bool InInterrupt);
}
