using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc that zeroes the copies of the online CPUs only. The changed line:
/// <c>for_each_possible_cpu(cpu)</c> became <c>for_each_online_cpu(cpu)</c>, the two iterators a reviewer
/// reads as one. A CPU that is offline when the allocation is made keeps the previous owner's bytes in
/// its copy, and sees them when it comes back up.
/// </summary>
[Implementation("alloc-zero-online-only",
    Description = "a new allocation is zeroed on online CPUs only: an offline CPU's copy keeps a previous owner's bytes")]
public sealed class AllocZeroOnlineOnly(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override void ZeroEveryCpu(PerCpuPtr ptr, int size)
    {
        foreach (var cpu in Platform.OnlineMask.Cpus())
        {
            Area.Fill(ptr, cpu, 0, size, 0);
        }
    }
}
