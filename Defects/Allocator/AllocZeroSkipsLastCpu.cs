using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose zeroing loop stops one CPU short. The changed line: <c>cpu &lt; nr_cpu_ids</c> became
/// <c>cpu &lt; nr_cpu_ids - 1</c>. On the CPU that allocates and most others the memory is zero; only
/// the highest CPU's copy keeps what the previous owner of those units wrote.
/// </summary>
[Implementation("alloc-zero-skips-last-cpu",
    Description = "the zeroing loop stops before the last CPU: its copy keeps a previous owner's bytes")]
public sealed class AllocZeroSkipsLastCpu(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override void ZeroEveryCpu(PerCpuPtr ptr, int size)
    {
        for (var cpu = 0; cpu < Platform.CpuCount - 1; cpu++)
        {
            Area.Fill(ptr, cpu, 0, size, 0);
        }
    }
}
