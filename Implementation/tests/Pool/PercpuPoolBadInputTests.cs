using Conformance.Allocator;
using Conformance.Backends.Sequential;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Pool;
using Xunit;

namespace Conformance.Implementation.Tests.Pool;

/// <summary>Invalid pool parameters are rejected by the constructor before it touches anything.</summary>
public sealed class PercpuPoolBadInputTests
{
    public static TheoryData<int, int, int, int> InvalidParameters => new()
    {
        { 0, 8, 1, 2 },
        { -16, 8, 1, 2 },
        { 16, 0, 1, 2 },
        { 16, 12, 1, 2 },
        { 16, -8, 1, 2 },
        { 16, 8, -1, 2 },
        { 16, 8, 1, -2 },
        { 16, 8, 3, 2 },
    };

    [Theory]
    [MemberData(nameof(InvalidParameters))]
    public void Invalid_parameters_are_an_argument_exception_and_nothing_is_allocated_or_scheduled(int size, int align, int low, int high)
    {
        using var machine = new SequentialPlatform(2);
        var area = new PerCpuArea(machine, 256);
        var allocator = new CpuAlloc(machine, area);

        Assert.ThrowsAny<ArgumentException>(() => new PercpuPool(machine, allocator, new PoolParameters(size, align, low, high)));

        Assert.Equal(0, allocator.BytesInUse);
        Assert.Equal(0, machine.PendingWorkCount);
        Assert.Equal(0, machine.On(0, () => allocator.Alloc(4, 4)).Offset);
    }

    [Fact]
    public void Invalid_parameters_do_not_disturb_an_existing_pool_on_the_same_allocator()
    {
        using var m = new PoolMachine(new PoolParameters(16, 8, 1, 3));
        m.Fill(0);
        var before = (m.Pool.Count, m.Allocator.BytesInUse);
        var elements = m.Pool.Elements();

        Assert.ThrowsAny<ArgumentException>(() => new PercpuPool(m.Machine, m.Allocator, new PoolParameters(16, 8, 4, 3)));

        Assert.Equal(before, (m.Pool.Count, m.Allocator.BytesInUse));
        Assert.Equal(elements, m.Pool.Elements());
        Assert.Equal(0, m.Machine.PendingWorkCount);
    }

    [Fact]
    public void An_allocator_of_another_machine_is_refused()
    {
        using var machine = new SequentialPlatform(2);
        using var other = new SequentialPlatform(2);
        var allocator = new CpuAlloc(other, new PerCpuArea(other, 64));
        Assert.Throws<ArgumentException>(() => new PercpuPool(machine, allocator, new PoolParameters(8, 8, 0, 1)));
    }
}
