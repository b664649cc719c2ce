using Conformance.Catalog;
using Conformance.Concurrency.Exploration;
using Conformance.Concurrency.Oracles;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Concurrency.Scenarios;

/// <summary>
/// CPUs allocate and free concurrently, in process context, with sizes and alignments that leave holes
/// in a small reserve. Oracles: aligned, inside the reserve, zero on every CPU, never overlapping a live
/// allocation, owner pattern intact until freed, and nothing in use at the end.
/// </summary>
public static class AllocatorScenarios
{
    private static readonly (int Size, int Align)[] Requests = [(4, 4), (10, 8), (6, 4), (16, 16), (2, 1)];

    public static ScenarioFamily AllocFree { get; } = new(
        "alloc-free", Mechanism.Allocator,
        "CPUs allocate and free areas of mixed sizes and alignments in a 64-byte reserve",
        DefaultCpus: 2, DefaultOps: 3, MinCpus: 2, (type, cpus, ops, rules) => platform => Build(type, platform, ops));

    private static ScenarioRun Build(Type type, Platform platform, int ops)
    {
        var area = new PerCpuArea(platform, reserveBytes: 64);
        var allocator = ImplementationFactory.CreateAllocator(type, platform, area);
        var holders = new HolderLedger(area);
        var live = new List<(PerCpuPtr Ptr, int Size)>();
        var programs = new Action?[platform.CpuCount];
        for (var cpu = 0; cpu < platform.CpuCount; cpu++)
        {
            var me = cpu;
            programs[cpu] = () =>
            {
                var mine = new Queue<(PerCpuPtr Ptr, int Size)>();
                for (var i = 0; i < ops; i++)
                {
                    var (size, align) = Requests[(me + i) % Requests.Length];
                    platform.Annotate($"alloc_percpu({size}, {align}) begins");
                    var p = allocator.Alloc(size, align);
                    platform.Annotate($"alloc_percpu returns {p}");
                    if (!p.IsNull)
                    {
                        Accept(area, live, p, size, align);
                        holders.HandedOut(p, me, size, (byte)(0x10 * (me + 1) + i));
                        mine.Enqueue((p, size));
                    }
                    if (mine.Count > 1 || (i == ops - 1 && mine.Count > 0))
                    {
                        Release(platform, allocator, holders, live, mine.Dequeue());
                    }
                }
                while (mine.Count > 0)
                {
                    Release(platform, allocator, holders, live, mine.Dequeue());
                }
            };
        }
        return new ScenarioRun(programs, () =>
        {
            if (allocator.BytesInUse != 0 || area.LiveBytes() != 0)
            {
                throw new OracleViolationException("leak", $"everything was freed, but {allocator.BytesInUse} bytes are in use and {area.LiveBytes()} marked live");
            }
        });
    }

    private static void Accept(PerCpuArea area, List<(PerCpuPtr Ptr, int Size)> live, PerCpuPtr p, int size, int align)
    {
        var state = () => live.Select(l => $"live {l.Ptr} ({l.Size} bytes)").ToList();
        if (p.Offset % Math.Max(align, 4) != 0)
        {
            throw new OracleViolationException("misaligned", $"alloc_percpu({size}, {align}) returned {p}, not aligned to {Math.Max(align, 4)}", state());
        }
        if (p.Offset < 0 || p.Offset + size > area.ReserveBytes)
        {
            throw new OracleViolationException("outside-reserve", $"alloc_percpu({size}, {align}) returned {p}, outside the {area.ReserveBytes}-byte reserve", state());
        }
        lock (live)
        {
            foreach (var (other, otherSize) in live)
            {
                if (p.Offset < other.Offset + otherSize && other.Offset < p.Offset + size)
                {
                    throw new OracleViolationException("overlap", $"alloc_percpu({size}, {align}) returned {p}, which overlaps live {other} ({otherSize} bytes)", state());
                }
            }
            live.Add((p, size));
        }
        for (var cpu = 0; cpu < area.Platform.CpuCount; cpu++)
        {
            var bytes = area.Snapshot(p, cpu, size);
            if (Array.FindIndex(bytes, b => b != 0) is var dirty and >= 0)
            {
                throw new OracleViolationException("not-zeroed", $"new allocation {p} holds 0x{bytes[dirty]:x2} at byte {dirty} on CPU{cpu}", state());
            }
        }
    }

    private static void Release(Platform platform, IPerCpuAllocator allocator, HolderLedger holders, List<(PerCpuPtr Ptr, int Size)> live, (PerCpuPtr Ptr, int Size) item)
    {
        holders.Releasing(item.Ptr);
        lock (live)
        {
            live.Remove(item);
        }
        platform.Annotate($"free_percpu({item.Ptr}) begins");
        allocator.Free(item.Ptr);
    }
}
