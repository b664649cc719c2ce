using System.Collections.Immutable;
using System.Globalization;
using Conformance.Catalog;
using Conformance.Smp;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// The text form of a program: the CPUs in order, <c>&lt;cpu&gt;:&lt;op&gt;,&lt;op&gt;...</c>, separated by
/// <c>;</c>, an allocator's reserve first as <c>r&lt;bytes&gt;;</c>. For example
/// <c>0:cs1w,cm{1,2};1:cm{0,2}w;2:d1,u1</c> (cross-calls), <c>0:a,t0;1:i0,e</c> (pool),
/// <c>r320;0:a8.4,b100.8;1:x,z</c> (allocator). Operations:
/// cross-calls <c>cs&lt;cpu&gt;</c> call_single, <c>cm{&lt;cpus&gt;}</c> call_many, <c>ca</c> smp_call_function
/// (each with <c>w</c> to wait), <c>d&lt;cpu&gt;</c>/<c>u&lt;cpu&gt;</c> cpu_down/cpu_up; pool <c>a</c> alloc,
/// <c>f</c> free the oldest held, <c>t&lt;n&gt;</c> fill, <c>e</c> empty, <c>i&lt;cpu&gt;</c> an interrupt whose
/// handler allocates there; allocator <c>a&lt;size&gt;.&lt;align&gt;</c>, <c>b&lt;size&gt;.&lt;align&gt;</c> big,
/// <c>f</c> free own oldest, <c>x</c> free another CPU's oldest, <c>n</c> free NULL, <c>z</c> free
/// ZERO_SIZE_PTR. A leading <c>-</c> runs an operation with interrupts disabled.
/// </summary>
public static class ProgramText
{
    public static string Format(ConcurrentProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var cpus = string.Join(';', program.Cpus.Select((ops, cpu) => string.Create(CultureInfo.InvariantCulture, $"{cpu}:{string.Join(',', ops)}")));
        return program.Mechanism == Mechanism.Allocator
            ? string.Create(CultureInfo.InvariantCulture, $"r{program.ReserveBytes};{cpus}")
            : cpus;
    }

    /// <summary>
    /// Reads a program of <paramref name="mechanism"/>. The length is bounded before anything is split
    /// and every number before it is used; anything malformed or out of bounds is a
    /// <see cref="FormatException"/> that says what and where.
    /// </summary>
    public static ConcurrentProgram Parse(Mechanism mechanism, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > ProgramLimits.MaxTextLength)
        {
            throw new FormatException($"a program is at most {ProgramLimits.MaxTextLength} characters (this one has {text.Length})");
        }
        var segments = text.Split(';');
        var reserve = ProgramLimits.DefaultReserve;
        var first = 0;
        if (mechanism == Mechanism.Allocator && segments[0].StartsWith('r'))
        {
            reserve = Number(segments[0], 1, segments[0].Length, "reserve");
            first = 1;
        }
        var count = segments.Length - first;
        if (count is < ProgramLimits.MinCpus or > ProgramLimits.MaxCpus)
        {
            throw new FormatException($"'{text}' has {count} CPUs; a program has {ProgramLimits.MinCpus} to {ProgramLimits.MaxCpus}, as 0:<ops>;1:<ops>");
        }
        var cpus = ImmutableArray.CreateBuilder<ImmutableArray<ProgramOp>>(count);
        for (var cpu = 0; cpu < count; cpu++)
        {
            cpus.Add(Cpu(segments[first + cpu], cpu, mechanism));
        }
        var program = new ConcurrentProgram(mechanism, cpus.MoveToImmutable(), reserve);
        if (program.Problem() is { } problem)
        {
            throw new FormatException($"'{text}' is not a program that can run: {problem}");
        }
        return program;
    }

    private static ImmutableArray<ProgramOp> Cpu(string segment, int cpu, Mechanism mechanism)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{cpu}:");
        if (!segment.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"'{segment}' should start with '{prefix}': the CPUs are listed in order, each as <cpu>:<ops>");
        }
        var ops = ImmutableArray.CreateBuilder<ProgramOp>();
        var reader = new OpReader(segment, prefix.Length, mechanism);
        while (!reader.AtEnd)
        {
            if (ops.Count > 0)
            {
                reader.Expect(',');
            }
            ops.Add(reader.Op());
            if (ops.Count > ProgramLimits.MaxOpsPerCpu)
            {
                throw new FormatException($"CPU{cpu} makes more than {ProgramLimits.MaxOpsPerCpu} operations");
            }
        }
        return ops.ToImmutable();
    }

    internal static int Number(string text, int start, int end, string what)
    {
        var digits = text.AsSpan(start, end - start);
        if (digits.Length is < 1 or > 4 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{text}': expected a {what} (1 to 4 digits) at position {start}");
        }
        return value;
    }

    /// <summary>Reads operations from one CPU's segment, left to right.</summary>
    private sealed class OpReader(string text, int position, Mechanism mechanism)
    {
        public bool AtEnd => position >= text.Length;

        public void Expect(char c)
        {
            if (AtEnd || text[position] != c)
            {
                throw Error($"'{c}'");
            }
            position++;
        }

        public ProgramOp Op()
        {
            var irqsOff = Take('-');
            if (AtEnd)
            {
                throw Error("an operation");
            }
            var letter = text[position++];
            ProgramOp op = letter switch
            {
                'c' when Take('s') => new ProgramOp(ProgramOpKind.CallSingle, Target: Int("CPU"), Wait: Take('w')),
                'c' when Take('m') => new ProgramOp(ProgramOpKind.CallMany, Mask: Mask(), Wait: Take('w')),
                'c' when Take('a') => new ProgramOp(ProgramOpKind.CallAll, Wait: Take('w')),
                'd' => new ProgramOp(ProgramOpKind.CpuDown, Target: Int("CPU")),
                'u' => new ProgramOp(ProgramOpKind.CpuUp, Target: Int("CPU")),
                'a' when !AtEnd && char.IsAsciiDigit(text[position]) => Sized(ProgramOpKind.Alloc),
                'a' => new ProgramOp(ProgramOpKind.PoolAlloc),
                'b' => Sized(ProgramOpKind.AllocBig),
                'f' => new ProgramOp(mechanism == Mechanism.Pool ? ProgramOpKind.PoolFree : ProgramOpKind.Free),
                't' => new ProgramOp(ProgramOpKind.PoolFill, Size: Int("fill target")),
                'e' => new ProgramOp(ProgramOpKind.PoolEmpty),
                'i' => new ProgramOp(ProgramOpKind.PoolIpi, Target: Int("CPU")),
                'x' => new ProgramOp(ProgramOpKind.FreeOther),
                'n' => new ProgramOp(ProgramOpKind.FreeNull),
                'z' => new ProgramOp(ProgramOpKind.FreeZeroSize),
                _ => throw Error("an operation (cs, cm, ca, d, u, a, b, f, t, e, i, x, n or z)", position - 1),
            };
            return op with { IrqsOff = irqsOff };
        }

        private ProgramOp Sized(ProgramOpKind kind)
        {
            var size = Int("size");
            Expect('.');
            return new ProgramOp(kind, Size: size, Align: Int("alignment"));
        }

        private CpuMask Mask()
        {
            Expect('{');
            var mask = CpuMask.Empty;
            while (!Take('}'))
            {
                if (!mask.IsEmpty)
                {
                    Expect(',');
                }
                var cpu = Int("CPU");
                if (cpu >= ProgramLimits.MaxCpus)
                {
                    throw new FormatException($"'{text}': CPU{cpu} in a mask; a program has at most {ProgramLimits.MaxCpus} CPUs");
                }
                mask = mask.With(cpu);
            }
            return mask;
        }

        private int Int(string what)
        {
            var start = position;
            while (!AtEnd && char.IsAsciiDigit(text[position]))
            {
                position++;
            }
            return Number(text, start, position, what);
        }

        private bool Take(char c)
        {
            if (!AtEnd && text[position] == c)
            {
                position++;
                return true;
            }
            return false;
        }

        private FormatException Error(string expected, int? at = null) =>
            new($"'{text}': expected {expected} at position {at ?? position}");
    }
}
