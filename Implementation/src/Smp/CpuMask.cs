using System.Numerics;
using System.Text;

namespace Conformance.Smp;

/// <summary>
/// An immutable set of CPUs (a kernel <c>cpumask_t</c>) for machines of up to 64 CPUs.
/// </summary>
public readonly record struct CpuMask(ulong Bits)
{
    /// <summary>The empty mask.</summary>
    public static CpuMask Empty => default;

    /// <summary>CPUs 0 to <paramref name="count"/>-1.</summary>
    public static CpuMask All(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 64);
        return new CpuMask(count == 64 ? ulong.MaxValue : (1UL << count) - 1);
    }

    /// <summary>A mask holding exactly the given CPUs.</summary>
    public static CpuMask Of(params int[] cpus)
    {
        var mask = Empty;
        foreach (var cpu in cpus)
        {
            mask = mask.With(cpu);
        }
        return mask;
    }

    public bool IsEmpty => Bits == 0;

    /// <summary><c>cpumask_weight</c>: how many CPUs are in the mask.</summary>
    public int Count => BitOperations.PopCount(Bits);

    /// <summary><c>cpumask_test_cpu</c>.</summary>
    public bool Contains(int cpu) => (uint)cpu < 64 && (Bits & (1UL << cpu)) != 0;

    public CpuMask With(int cpu) => new(Bits | Bit(cpu));

    public CpuMask Without(int cpu) => new(Bits & ~Bit(cpu));

    public CpuMask And(CpuMask other) => new(Bits & other.Bits);

    public CpuMask Or(CpuMask other) => new(Bits | other.Bits);

    /// <summary><c>cpumask_first</c>: the lowest CPU, or -1 when empty.</summary>
    public int First => Bits == 0 ? -1 : BitOperations.TrailingZeroCount(Bits);

    /// <summary><c>cpumask_next</c>: the lowest CPU above <paramref name="cpu"/>, or -1.</summary>
    public int Next(int cpu)
    {
        if (cpu >= 63)
        {
            return -1;
        }
        var rest = Bits & (ulong.MaxValue << (cpu + 1));
        return rest == 0 ? -1 : BitOperations.TrailingZeroCount(rest);
    }

    /// <summary>The CPUs in ascending order.</summary>
    public IEnumerable<int> Cpus()
    {
        for (var cpu = First; cpu >= 0; cpu = Next(cpu))
        {
            yield return cpu;
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder("{");
        foreach (var cpu in Cpus())
        {
            if (sb.Length > 1)
            {
                sb.Append(',');
            }
            sb.Append(cpu);
        }
        return sb.Append('}').ToString();
    }

    private static ulong Bit(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cpu, 63);
        return 1UL << cpu;
    }
}
