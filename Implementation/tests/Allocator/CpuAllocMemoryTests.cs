using Conformance.Memory;
using Xunit;

namespace Conformance.Implementation.Tests.Allocator;

/// <summary>What the memory handed out looks like: zeroed on every CPU, guarded by the shadow, and the big region.</summary>
public sealed class CpuAllocMemoryTests
{
    private const int Cpus = 3;

    [Fact]
    public void Re_allocated_units_are_zeroed_on_every_cpu()
    {
        using var m = new AllocatorMachine(cpus: Cpus);
        var p = m.Alloc(16);
        m.Machine.On(1, () =>
        {
            for (var cpu = 0; cpu < Cpus; cpu++)
            {
                m.Area.Fill(p, cpu, 0, 16, (byte)(0xA0 + cpu));
            }
        });
        Assert.All(m.Area.Snapshot(p, 2, 16), b => Assert.Equal(0xA2, b));
        m.Free(p);

        var q = m.Alloc(16, cpu: 2);

        Assert.Equal(p.Offset, q.Offset);
        for (var cpu = 0; cpu < Cpus; cpu++)
        {
            Assert.Equal(new byte[16], m.Area.Snapshot(q, cpu, 16));
        }
    }

    [Fact]
    public void Size_zero_gives_zero_size_ptr_and_free_of_null_or_zero_size_is_a_no_op()
    {
        using var m = new AllocatorMachine();
        Assert.Equal(PerCpuPtr.ZeroSize, m.Alloc(0));
        Assert.Equal(PerCpuPtr.ZeroSize, m.AllocBig(0));
        m.Free(PerCpuPtr.Null);
        m.Free(PerCpuPtr.ZeroSize);
        Assert.Equal((0L, 0, 0), m.State());
        Assert.Equal(0, m.Alloc(4).Offset);
    }

    [Fact]
    public void The_shadow_marks_exactly_the_bytes_asked_for()
    {
        using var m = new AllocatorMachine();
        var p = m.Alloc(6);
        Assert.Equal(6, m.Area.LiveBytes());
        Assert.Equal(p.Tag, m.Area.OwnerOf(p.Offset + 5));
        Assert.Equal(0, m.Area.OwnerOf(p.Offset + 6));
        // The rest of the second unit is not handed out again.
        Assert.Equal(8, m.Alloc(4).Offset);
    }

    [Fact]
    public void A_use_after_free_is_caught_by_the_shadow()
    {
        using var m = new AllocatorMachine();
        var p = m.Alloc(8);
        m.Free(p);
        var e = Assert.Throws<ShadowViolationException>(() => m.Machine.On(1, () => m.Area.ReadInt64(p, 1)));
        Assert.Contains("free", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_pointer_to_re_used_units_is_caught_by_its_tag()
    {
        using var m = new AllocatorMachine();
        var p = m.Alloc(8);
        m.Free(p);
        var q = m.Alloc(8);
        Assert.Equal(p.Offset, q.Offset);
        Assert.Throws<ShadowViolationException>(() => m.Machine.On(0, () => m.Area.WriteByte(p, 0, 0, 1)));
        Assert.Equal(0, m.Machine.On(0, () => m.Area.ReadByte(q, 0)));
    }

    [Fact]
    public void An_access_running_into_the_neighbour_is_caught_by_the_shadow()
    {
        using var m = new AllocatorMachine();
        var p = m.Alloc(8);
        var neighbour = m.Alloc(8);
        Assert.Equal(p.Offset + 8, neighbour.Offset);
        var e = Assert.Throws<ShadowViolationException>(() => m.Machine.On(2, () => m.Area.WriteInt64(p, 2, 4, -1)));
        Assert.Contains($"#{neighbour.Tag}", e.Message, StringComparison.Ordinal);
        Assert.Equal(new byte[8], m.Area.Snapshot(neighbour, 2, 8));
    }

    [Fact]
    public void The_shadow_names_the_first_byte_that_is_not_the_pointers_own_wherever_it_lies()
    {
        using var m = new AllocatorMachine();
        var p = m.Alloc(16);
        var neighbour = m.Alloc(8);
        Assert.Equal(p.Offset + 16, neighbour.Offset);
        var expected = $"at byte 0x{p.Offset + 16:x}: that byte belongs to allocation #{neighbour.Tag}";

        // Inside a run of eight bytes, and in the bytes after the last whole run of eight.
        var inRun = Assert.Throws<ShadowViolationException>(() => m.Machine.On(1, () => m.Area.WriteInt64(p, 1, 12, -1)));
        var inTail = Assert.Throws<ShadowViolationException>(() => m.Machine.On(1, () => m.Area.Fill(p, 1, 0, 20, 0xFF)));

        Assert.Contains(expected, inRun.Message, StringComparison.Ordinal);
        Assert.Contains(expected, inTail.Message, StringComparison.Ordinal);
        Assert.Equal(new byte[16], m.Area.Snapshot(p, 1, 16));
        Assert.Equal(0xAB, m.Machine.On(1, () =>
        {
            m.Area.Fill(p, 1, 0, 16, 0xAB);
            return m.Area.ReadByte(p, 1, 15);
        }));
    }

    [Fact]
    public void Big_allocations_come_from_the_region_after_the_reserve_first_fit_and_zeroed()
    {
        using var m = new AllocatorMachine(reserveBytes: 64, bigBytes: 1024);
        var a = m.AllocBig(100, 64);
        Assert.Equal(64, a.Offset);
        var b = m.AllocBig(10);
        Assert.Equal(164, b.Offset);
        Assert.Equal(112, m.Allocator.BytesInUse);
        // The reserve is untouched by big allocations.
        Assert.Equal(0, m.Alloc(64).Offset);
        Assert.Equal(176, m.Allocator.BytesInUse);

        m.Machine.On(0, () => m.Area.Fill(a, 1, 0, 100, 0xFF));
        m.Free(a);
        Assert.Equal(76, m.Allocator.BytesInUse);
        // First fit: the freed block at the start of the region is found again, and zeroed.
        var c = m.AllocBig(64, 64);
        Assert.Equal(64, c.Offset);
        Assert.Equal(new byte[64], m.Area.Snapshot(c, 1, 64));
        // 64..128 is c, 164..176 is b: 36 bytes between them are not enough for 40.
        Assert.Equal(176, m.AllocBig(40).Offset);
        Assert.Equal(128, m.AllocBig(36).Offset);
    }

    [Fact]
    public void Big_exhaustion_returns_null_and_changes_nothing()
    {
        using var m = new AllocatorMachine(reserveBytes: 16, bigBytes: 128);
        Assert.Equal(16, m.AllocBig(100).Offset);
        var before = m.State();
        Assert.Equal(PerCpuPtr.Null, m.AllocBig(32));
        Assert.Equal(PerCpuPtr.Null, m.AllocBig(4, 256));
        Assert.Equal(before, m.State());
        Assert.Equal(116, m.AllocBig(28).Offset);
    }

    [Fact]
    public void Without_a_big_region_big_allocations_fail()
    {
        using var m = new AllocatorMachine(reserveBytes: 64);
        Assert.Equal(PerCpuPtr.Null, m.AllocBig(4));
        Assert.Equal(0L, m.Allocator.BytesInUse);
    }
}
