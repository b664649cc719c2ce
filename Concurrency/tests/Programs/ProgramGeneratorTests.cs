using Conformance.Catalog;
using Conformance.Concurrency.Programs;
using Xunit;

namespace Conformance.Concurrency.Tests.Programs;

/// <summary>The generator: the same seed and index give the same program, and the draws cover the whole vocabulary.</summary>
public sealed class ProgramGeneratorTests
{
    [Theory]
    [InlineData(Mechanism.CrossCall)]
    [InlineData(Mechanism.Pool)]
    [InlineData(Mechanism.Allocator)]
    public void A_seed_and_an_index_give_the_same_program_every_time(Mechanism mechanism)
    {
        var first = Enumerable.Range(0, 50).Select(i => ProgramGenerator.Draw(mechanism, 42, i).ToString()).ToList();
        var again = Enumerable.Range(0, 50).Select(i => ProgramGenerator.Draw(mechanism, 42, i).ToString()).ToList();
        var otherSeed = Enumerable.Range(0, 50).Select(i => ProgramGenerator.Draw(mechanism, 43, i).ToString()).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.True(first.Distinct().Count() > 40, "draws of one seed repeat themselves");
    }

    [Theory]
    [InlineData(Mechanism.CrossCall)]
    [InlineData(Mechanism.Pool)]
    [InlineData(Mechanism.Allocator)]
    public void Draws_span_the_sizes_and_every_operation_of_the_mechanism(Mechanism mechanism)
    {
        var programs = Draws(mechanism);
        var ops = programs.SelectMany(p => p.Cpus.SelectMany(c => c)).ToList();

        Assert.Equal([2, 3, 4], programs.Select(p => p.CpuCount).Distinct().Order());
        Assert.Equal([1, 2, 3, 4], programs.SelectMany(p => p.Cpus.Select(c => c.Length)).Distinct().Order());
        var kinds = Enum.GetValues<ProgramOpKind>().Where(k => ProgramVocabulary.MechanismOf(k) == mechanism);
        Assert.All(kinds, kind => Assert.Contains(ops, op => op.Kind == kind));
    }

    [Fact]
    public void Cross_call_draws_have_every_case_the_contract_names()
    {
        var programs = Draws(Mechanism.CrossCall);
        var calls = programs.SelectMany(p => p.Cpus.SelectMany((ops, cpu) => ops.Select(op => (Cpu: cpu, Op: op, Program: p)))).ToList();

        Assert.Contains(calls, c => c.Op.Kind == ProgramOpKind.CallSingle && c.Op.Target == c.Cpu);
        Assert.Contains(calls, c => c.Op.Kind == ProgramOpKind.CallSingle && c.Op is { IrqsOff: true, Wait: true });
        Assert.Contains(calls, c => c.Op.Kind == ProgramOpKind.CallMany && c.Op.IrqsOff);
        Assert.Contains(calls, c => c.Op.Kind == ProgramOpKind.CallMany && c.Op.Mask.Contains(c.Cpu) && c.Op.Mask.Count > 1);
        Assert.Contains(calls, c => c.Op.Kind == ProgramOpKind.CallMany && c.Op.Mask.Count == 1 && !c.Op.Mask.Contains(c.Cpu));
        Assert.Contains(calls, c => c.Op.Kind == ProgramOpKind.CallMany && c.Op.Mask.Without(c.Cpu).IsEmpty);
        Assert.Contains(calls, c => c.Op.Kind == ProgramOpKind.CallAll && c.Op.Wait);
        // A single call to a CPU its caller took down before: the in-range offline target.
        Assert.Contains(calls, c => c.Op.Kind == ProgramOpKind.CallSingle
            && c.Program.Cpus[c.Cpu].TakeWhile(op => op != c.Op).Any(op => op.Kind == ProgramOpKind.CpuDown && op.Target == c.Op.Target));
        // A no-wait call_many, then a waiting one, from one CPU.
        Assert.Contains(programs, p => p.Cpus.Any(ops => ops.Zip(ops.Skip(1)).Any(pair =>
            pair.First is { Kind: ProgramOpKind.CallMany, Wait: false } && pair.Second is { Kind: ProgramOpKind.CallMany, Wait: true })));
    }

    [Fact]
    public void Pool_and_allocator_draws_have_the_cases_the_contract_names()
    {
        var pool = Draws(Mechanism.Pool).SelectMany(p => p.Cpus.SelectMany(c => c)).ToList();
        var allocator = Draws(Mechanism.Allocator);

        Assert.Contains(pool, op => op is { Kind: ProgramOpKind.PoolFill, Size: 0 });
        Assert.Contains(pool, op => op.Kind == ProgramOpKind.PoolFill && op.Size > 0 && op.Size < ProgramLimits.Pool.Low);
        Assert.Contains(pool, op => op.Kind == ProgramOpKind.PoolFill && op.Size > ProgramLimits.Pool.High);
        Assert.Contains(pool, op => op is { Kind: ProgramOpKind.PoolAlloc, IrqsOff: true });
        Assert.Contains(allocator, p => p.ReserveBytes > 64 * 4);
        Assert.Contains(allocator, p => p.Cpus.Any(c => c.Any(op => op is { Kind: ProgramOpKind.Alloc, Size: 0 })));
    }

    private static List<ConcurrentProgram> Draws(Mechanism mechanism) =>
        [.. Enumerable.Range(0, 400).Select(i => ProgramGenerator.Draw(mechanism, 5, i))];
}
