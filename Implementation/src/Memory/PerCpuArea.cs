using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Conformance.Clauses;
using Conformance.Smp;

namespace Conformance.Memory;

/// <summary>
/// The per-cpu area: one byte region per CPU, the first <see cref="ReserveBytes"/> of which are the
/// reserve that <c>alloc_percpu</c> serves (the seed's <c>percpu=</c> parameter), followed by
/// <see cref="BigBytes"/> for <c>big_percpu_alloc</c>. A shadow map records which allocation owns each
/// byte; every access through a <see cref="PerCpuPtr"/> is a scheduling point and is checked against
/// it, so an overlap, a use after free or an out-of-bounds access is caught where it happens.
/// </summary>
public sealed class PerCpuArea
{
    private readonly byte[][] memory;
    private readonly int[] shadow; // the tag owning each byte; 0 = free
    private int lastTag;

    public PerCpuArea(Platform platform, int reserveBytes, int bigBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentOutOfRangeException.ThrowIfNegative(reserveBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(bigBytes);
        Platform = platform;
        ReserveBytes = reserveBytes;
        BigBytes = bigBytes;
        memory = new byte[platform.CpuCount][];
        for (var cpu = 0; cpu < memory.Length; cpu++)
        {
            memory[cpu] = new byte[reserveBytes + bigBytes];
        }
        shadow = new int[reserveBytes + bigBytes];
    }

    public Platform Platform { get; }

    /// <summary>The bytes <c>alloc_percpu</c> serves from.</summary>
    public int ReserveBytes { get; }

    /// <summary>The bytes after the reserve kept for large allocations.</summary>
    public int BigBytes { get; }

    public int TotalBytes => ReserveBytes + BigBytes;

    // ---- the allocator's side: the shadow map ----------------------------------------------------

    /// <summary>A fresh allocation tag (never 0 or -1). Thread-safe.</summary>
    public int NewTag() => Interlocked.Increment(ref lastTag);

    /// <summary>
    /// Records that <paramref name="length"/> bytes at <paramref name="offset"/> now belong to the
    /// allocation <paramref name="tag"/>. Handing out a byte that is still live is a violation at once.
    /// </summary>
    public void MarkAllocated(int offset, int length, int tag)
    {
        CheckRange(offset, length, "allocation", tag);
        lock (shadow)
        {
            for (var i = offset; i < offset + length; i++)
            {
                if (shadow[i] != 0)
                {
                    throw new ShadowViolationException(
                        $"allocation #{tag} at 0x{offset:x} (+{length}) overlaps live allocation #{shadow[i]} at byte 0x{i:x}")
                    {
                        Clause = ContractClauses.Overlap,
                        Owner = shadow[i],
                    };
                }
            }
            Array.Fill(shadow, tag, offset, length);
        }
    }

    /// <summary>Records that the bytes of allocation <paramref name="tag"/> are free again.</summary>
    public void MarkFreed(int offset, int length, int tag)
    {
        CheckRange(offset, length, "free of", tag);
        lock (shadow)
        {
            for (var i = offset; i < offset + length; i++)
            {
                if (shadow[i] != tag)
                {
                    throw new ShadowViolationException(
                        $"free of allocation #{tag} at 0x{offset:x} (+{length}): byte 0x{i:x} is {Owner(shadow[i])}")
                    {
                        Clause = ContractClauses.Shadow,
                        Owner = shadow[i],
                    };
                }
            }
            Array.Clear(shadow, offset, length);
        }
    }

    /// <summary>The tag owning a byte, 0 when free. Not a scheduling point.</summary>
    public int OwnerOf(int offset) => Volatile.Read(ref shadow[offset]);

    /// <summary>How many bytes the shadow marks live. Not a scheduling point.</summary>
    public int LiveBytes()
    {
        lock (shadow)
        {
            return shadow.Count(t => t != 0);
        }
    }

    // ---- per_cpu_ptr accesses --------------------------------------------------------------------

    /// <summary>Reads byte <paramref name="index"/> of CPU <paramref name="cpu"/>'s copy of <paramref name="ptr"/>.</summary>
    public byte ReadByte(PerCpuPtr ptr, int cpu, int index = 0)
    {
        var at = Check(ptr, cpu, index, 1, "read");
        Platform.PointIfNeeded(PointKind.Read, this);
        return Volatile.Read(ref memory[cpu][at]);
    }

    public void WriteByte(PerCpuPtr ptr, int cpu, int index, byte value)
    {
        var at = Check(ptr, cpu, index, 1, "write");
        Platform.PointIfNeeded(PointKind.Write, this);
        Volatile.Write(ref memory[cpu][at], value);
    }

    /// <summary>Reads a 64-bit value (a chained pointer, a counter) from CPU <paramref name="cpu"/>'s copy.</summary>
    public long ReadInt64(PerCpuPtr ptr, int cpu, int index = 0)
    {
        var at = Check(ptr, cpu, index, 8, "read");
        Platform.PointIfNeeded(PointKind.Read, this);
        return BinaryPrimitives.ReadInt64LittleEndian(memory[cpu].AsSpan(at, 8));
    }

    public void WriteInt64(PerCpuPtr ptr, int cpu, int index, long value)
    {
        var at = Check(ptr, cpu, index, 8, "write");
        Platform.PointIfNeeded(PointKind.Write, this);
        BinaryPrimitives.WriteInt64LittleEndian(memory[cpu].AsSpan(at, 8), value);
    }

    /// <summary><c>memset(per_cpu_ptr(ptr, cpu) + index, value, length)</c>: one scheduling point.</summary>
    public void Fill(PerCpuPtr ptr, int cpu, int index, int length, byte value)
    {
        if (length == 0)
        {
            return;
        }
        var at = Check(ptr, cpu, index, length, "write");
        Platform.PointIfNeeded(PointKind.Write, this);
        memory[cpu].AsSpan(at, length).Fill(value);
    }

    /// <summary>
    /// Writes an owner pattern for the harness, checked like any access but not a scheduling point: the
    /// oracle's own writes need not be interleaved, only the implementation's.
    /// </summary>
    public void Stamp(PerCpuPtr ptr, int cpu, int length, byte value)
    {
        var at = Check(ptr, cpu, 0, length, "write");
        memory[cpu].AsSpan(at, length).Fill(value);
    }

    /// <summary>Copies CPU <paramref name="cpu"/>'s bytes of an allocation out, checked. Not a scheduling point.</summary>
    public byte[] Snapshot(PerCpuPtr ptr, int cpu, int length)
    {
        var at = Check(ptr, cpu, 0, length, "read");
        return memory[cpu].AsSpan(at, length).ToArray();
    }

    public override string ToString() => "percpu area";

    private int Check(PerCpuPtr ptr, int cpu, int index, int length, string what)
    {
        var at = ptr.Offset + index;
        if ((uint)cpu >= (uint)memory.Length || ptr.IsNull || ptr.IsZeroSize
            || index < 0 || length < 0 || at < 0 || at + length > shadow.Length)
        {
            throw BadAccess(ptr, cpu, index, length, what);
        }
        // Every byte must belong to the pointer's allocation. Plain reads, ordered by the barrier below.
        // The common access, eight bytes (a chain link, a counter), compares its eight owners at once;
        // any other length, or a mismatch, takes the scan that also names the first stranger (a tag is
        // never handed out twice, so a byte seen not owned is still not owned when the scan reads it).
        var owners = shadow.AsSpan(at, length);
        if (!(Vector256.IsHardwareAccelerated && owners.Length == Vector256<int>.Count
            && Vector256.Create((ReadOnlySpan<int>)owners) == Vector256.Create(ptr.Tag)))
        {
            CheckOwners(owners, ptr, cpu, at, what);
        }
        // The shadow is read before the access it allows, as reading each entry volatile would order it.
        Volatile.ReadBarrier();
        return at;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckOwners(ReadOnlySpan<int> owners, PerCpuPtr ptr, int cpu, int at, string what)
    {
        var stranger = FirstNotOwnedBy(owners, ptr.Tag, out var owner);
        if (stranger >= 0)
        {
            throw NotOwned(ptr, cpu, at + stranger, owner, what);
        }
    }

    /// <summary>
    /// The index of the first entry that is not <paramref name="tag"/> and the owner it held, or -1:
    /// eight entries (a 64-bit access) at a time, each entry read once.
    /// </summary>
    private static int FirstNotOwnedBy(ReadOnlySpan<int> owners, int tag, out int owner)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var expected = Vector256.Create(tag);
            for (; i + Vector256<int>.Count <= owners.Length; i += Vector256<int>.Count)
            {
                var seen = Vector256.Create(owners.Slice(i, Vector256<int>.Count));
                var strangers = ~Vector256.Equals(seen, expected).ExtractMostSignificantBits() & ((1u << Vector256<int>.Count) - 1);
                if (strangers != 0)
                {
                    var lane = BitOperations.TrailingZeroCount(strangers);
                    owner = seen.GetElement(lane);
                    return i + lane;
                }
            }
        }
        for (; i < owners.Length; i++)
        {
            if (owners[i] != tag)
            {
                owner = owners[i];
                return i;
            }
        }
        owner = tag;
        return -1;
    }

    // The failures of Check, kept out of it so its common path stays small; in the order Check tests them.
    private ShadowViolationException BadAccess(PerCpuPtr ptr, int cpu, int index, int length, string what)
    {
        if ((uint)cpu >= (uint)memory.Length)
        {
            return new ShadowViolationException($"{what} of {ptr} on CPU{cpu}: there is no CPU{cpu}");
        }
        if (ptr.IsNull || ptr.IsZeroSize)
        {
            return new ShadowViolationException($"{what} through {ptr} on CPU{cpu}");
        }
        return new ShadowViolationException(
            $"{what} of {length} byte(s) at {ptr}+{index} on CPU{cpu} is outside the per-cpu area (0x{shadow.Length:x} bytes)");
    }

    private static ShadowViolationException NotOwned(PerCpuPtr ptr, int cpu, int at, int owner, string what) =>
        new($"{what} through {ptr} on CPU{cpu} at byte 0x{at:x}: {Owner(owner)} (use after free or overlap)");

    private void CheckRange(int offset, int length, string what, int tag)
    {
        if (offset < 0 || length < 0 || offset + length > shadow.Length)
        {
            throw new ShadowViolationException(
                $"{what} #{tag}: 0x{offset:x} (+{length}) is outside the per-cpu area (0x{shadow.Length:x} bytes)")
            {
                Clause = what == "allocation" ? ContractClauses.Placement : ContractClauses.Shadow,
            };
        }
    }

    private static string Owner(int tag) => tag == 0 ? "that byte is free" : $"that byte belongs to allocation #{tag}";
}
