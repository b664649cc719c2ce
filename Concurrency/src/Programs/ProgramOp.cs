using System.Globalization;
using Conformance.Smp;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// One step of a generated program, in the text form <see cref="ProgramText"/> reads: a leading
/// <c>-</c> runs it with interrupts disabled; <paramref name="Target"/> is the CPU a single call,
/// hotplug step or interrupt is for; <paramref name="Size"/> the fill target or the allocation size.
/// </summary>
public sealed record ProgramOp(ProgramOpKind Kind, int Target = 0, CpuMask Mask = default, bool Wait = false, bool IrqsOff = false,
    int Size = 0, int Align = 0)
{
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var w = Wait ? "w" : "";
        var body = Kind switch
        {
            ProgramOpKind.CallSingle => string.Create(inv, $"cs{Target}{w}"),
            ProgramOpKind.CallMany => $"cm{{{string.Join(',', Mask.Cpus())}}}{w}",
            ProgramOpKind.CallAll => $"ca{w}",
            ProgramOpKind.CpuDown => string.Create(inv, $"d{Target}"),
            ProgramOpKind.CpuUp => string.Create(inv, $"u{Target}"),
            ProgramOpKind.PoolAlloc => "a",
            ProgramOpKind.PoolFree or ProgramOpKind.Free => "f",
            ProgramOpKind.PoolFill => string.Create(inv, $"t{Size}"),
            ProgramOpKind.PoolEmpty => "e",
            ProgramOpKind.PoolIpi => string.Create(inv, $"i{Target}"),
            ProgramOpKind.Alloc => string.Create(inv, $"a{Size}.{Align}"),
            ProgramOpKind.AllocBig => string.Create(inv, $"b{Size}.{Align}"),
            ProgramOpKind.FreeOther => "x",
            ProgramOpKind.FreeNull => "n",
            ProgramOpKind.FreeZeroSize => "z",
            _ => throw new InvalidOperationException($"no text for {Kind}"),
        };
        return IrqsOff ? "-" + body : body;
    }

    /// <summary>Whether it is a hotplug step.</summary>
    public bool IsHotplug => Kind is ProgramOpKind.CpuDown or ProgramOpKind.CpuUp;
}
