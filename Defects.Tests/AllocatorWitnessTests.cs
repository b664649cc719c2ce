using Conformance.Allocator;
using Conformance.Backends.Sequential;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects.Tests;

/// <summary>
/// Each allocator defect that shows on one CPU's sequence of calls breaks its contract sentence on a
/// witness sequence where the reference keeps it: the defects are reachable, not merely different.
/// </summary>
public sealed class AllocatorWitnessTests
{
    private delegate IPerCpuAllocator Make(Platform platform, PerCpuArea area);

    private static readonly Make Reference = (p, a) => new CpuAlloc(p, a);

    [Fact]
    public void Units_round_down_hands_out_a_live_byte()
    {
        static bool Overlaps(Make make) => Throws(make, 256, 0, (m, a) =>
        {
            m.On(0, () => a.Alloc(6, 4));
            m.On(0, () => a.Alloc(4, 4));
        });
        Assert.False(Overlaps(Reference));
        Assert.True(Overlaps((p, a) => new AllocUnitsRoundDown(p, a)));
    }

    [Fact]
    public void Fit_one_unit_short_hands_out_a_live_unit()
    {
        static bool Overlaps(Make make) => Throws(make, 256, 0, (m, a) =>
        {
            var x = m.On(0, () => a.Alloc(4, 4));
            m.On(0, () => a.Alloc(4, 4));
            m.On(0, () => a.Free(x));
            m.On(0, () => a.Alloc(8, 4));
        });
        Assert.False(Overlaps(Reference));
        Assert.True(Overlaps((p, a) => new AllocFitOneUnitShort(p, a)));
    }

    [Fact]
    public void Align_mask_off_by_one_hands_out_a_misaligned_pointer()
    {
        static int Offset(Make make) => Run(make, 256, 0, (m, a) =>
        {
            m.On(0, () => a.Alloc(4, 4));
            return m.On(0, () => a.Alloc(8, 8)).Offset;
        });
        Assert.Equal(0, Offset(Reference) % 8);
        Assert.NotEqual(0, Offset((p, a) => new AllocAlignMaskOffByOne(p, a)) % 8);
    }

    [Fact]
    public void Map_run_crossing_a_word_leaves_units_unmarked_beyond_64_units()
    {
        static bool Overlaps(Make make) => Throws(make, 512, 0, (m, a) =>
        {
            var low = m.On(0, () => a.Alloc(62 * 4, 4));
            m.On(0, () => a.Alloc(16, 4));
            m.On(0, () => a.Free(low));
            m.On(0, () => a.Alloc(62 * 4, 4));
            m.On(0, () => a.Alloc(8, 4));
        });
        Assert.False(Overlaps(Reference));
        Assert.True(Overlaps((p, a) => new AllocMapRunCrossesWord(p, a)));
    }

    [Fact]
    public void Find_next_skipping_the_last_word_misses_a_live_unit_beyond_64_units()
    {
        static bool Overlaps(Make make) => Throws(make, 512, 0, (m, a) =>
        {
            var low = m.On(0, () => a.Alloc(64 * 4, 4));
            m.On(0, () => a.Alloc(4, 4));
            m.On(0, () => a.Free(low));
            m.On(0, () => a.Alloc(65 * 4, 4));
        });
        Assert.False(Overlaps(Reference));
        Assert.True(Overlaps((p, a) => new AllocFindNextSkipsLastWord(p, a)));
    }

    [Fact]
    public void Zero_online_only_leaves_an_offline_cpus_copy_dirty()
    {
        static byte Stale(Make make) => Run(make, 256, 0, (m, a) =>
        {
            var old = m.On(0, () => a.Alloc(8, 8));
            a.Area.Stamp(old, 2, 8, 0xAB);
            m.On(0, () => a.Free(old));
            m.On(0, () => m.CpuDown(2));
            var fresh = m.On(0, () => a.Alloc(8, 8));
            Assert.Equal(old.Offset, fresh.Offset);
            return a.Area.Snapshot(fresh, 2, 8)[0];
        });
        Assert.Equal(0, Stale(Reference));
        Assert.Equal(0xAB, Stale((p, a) => new AllocZeroOnlineOnly(p, a)));
    }

    [Fact]
    public void Zero_skipping_the_last_cpu_leaves_its_copy_dirty()
    {
        static byte Stale(Make make) => Run(make, 256, 0, (m, a) =>
        {
            var old = m.On(0, () => a.Alloc(8, 8));
            a.Area.Stamp(old, 2, 8, 0xAB);
            m.On(0, () => a.Free(old));
            var fresh = m.On(0, () => a.Alloc(8, 8));
            return a.Area.Snapshot(fresh, 2, 8)[0];
        });
        Assert.Equal(0, Stale(Reference));
        Assert.Equal(0xAB, Stale((p, a) => new AllocZeroSkipsLastCpu(p, a)));
    }

    [Fact]
    public void Big_zero_rounded_down_leaves_an_odd_tail_dirty()
    {
        static byte Stale(Make make) => Run(make, 256, 256, (m, a) =>
        {
            var old = m.On(0, () => a.AllocBig(8, 4));
            a.Area.Stamp(old, 0, 8, 0xAB);
            m.On(0, () => a.Free(old));
            var fresh = m.On(0, () => a.AllocBig(6, 4));
            Assert.Equal(old.Offset, fresh.Offset);
            return a.Area.Snapshot(fresh, 0, 6)[5];
        });
        Assert.Equal(0, Stale(Reference));
        Assert.Equal(0xAB, Stale((p, a) => new AllocBigZeroRoundedDown(p, a)));
    }

    [Fact]
    public void Big_unchecked_args_serves_an_alignment_that_is_not_a_power_of_two()
    {
        static Exception? Refusal(Make make) => Run(make, 256, 256, (m, a) =>
        {
            Exception? refused = null;
            m.On(0, () => refused = Record.Exception(() => a.AllocBig(8, 3)));
            return refused;
        });
        Assert.IsAssignableFrom<ArgumentException>(Refusal(Reference));
        Assert.Null(Refusal((p, a) => new AllocBigUncheckedArgs(p, a)));
    }

    [Fact]
    public void Units_int_overflow_does_not_return_null_for_a_huge_size()
    {
        static bool Fails(Make make) => Run(make, 256, 0, (m, a) =>
        {
            var result = PerCpuPtr.Null;
            Exception? thrown = null;
            m.On(0, () => thrown = Record.Exception(() => result = a.Alloc(int.MaxValue, 4)));
            return thrown is not null || !result.IsNull;
        });
        Assert.False(Fails(Reference));
        Assert.True(Fails((p, a) => new AllocUnitsIntOverflow(p, a)));
    }

    [Fact]
    public void Free_clearing_size_units_frees_a_neighbour()
    {
        static bool Overlaps(Make make) => Throws(make, 256, 0, (m, a) =>
        {
            var x = m.On(0, () => a.Alloc(16, 4));
            m.On(0, () => a.Alloc(4, 4));
            m.On(0, () => a.Free(x));
            m.On(0, () => a.Alloc(20, 4));
        });
        Assert.False(Overlaps(Reference));
        Assert.True(Overlaps((p, a) => new AllocFreeClearsSizeAsUnits(p, a)));
    }

    [Fact]
    public void Free_uncounting_the_size_leaves_bytes_in_use()
    {
        static long InUse(Make make) => Run(make, 256, 0, (m, a) =>
        {
            var x = m.On(0, () => a.Alloc(6, 4));
            m.On(0, () => a.Free(x));
            return a.BytesInUse;
        });
        Assert.Equal(0, InUse(Reference));
        Assert.NotEqual(0, InUse((p, a) => new AllocFreeUncountsSize(p, a)));
    }

    [Fact]
    public void Free_big_boundary_refuses_the_first_big_allocation()
    {
        static bool Refused(Make make) => Throws(make, 256, 256, (m, a) =>
        {
            var big = m.On(0, () => a.AllocBig(8, 4));
            m.On(0, () => a.Free(big));
        });
        Assert.False(Refused(Reference));
        Assert.True(Refused((p, a) => new AllocFreeBigBoundary(p, a)));
    }

    private static T Run<T>(Make make, int reserve, int big, Func<SequentialPlatform, IPerCpuAllocator, T> body)
    {
        using var machine = new SequentialPlatform(3);
        var allocator = make(machine, new PerCpuArea(machine, reserve, big));
        return body(machine, allocator);
    }

    private static bool Throws(Make make, int reserve, int big, Action<SequentialPlatform, IPerCpuAllocator> body) =>
        Run(make, reserve, big, (m, a) => Record.Exception(() => body(m, a)) is not null);
}
