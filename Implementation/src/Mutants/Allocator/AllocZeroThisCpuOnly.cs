using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Mutants;

/// <summary>
/// cpu_alloc that zeroes only the calling CPU's copy of a new allocation: every other CPU's copy still
/// holds what the previous owner of those units wrote.
/// </summary>
/// <remarks>Exposed on two or more CPUs by a free then an allocation of the same units: the allocator property.</remarks>
[Implementation("alloc-zero-this-cpu-only",
    Description = "only the calling CPU's copy is zeroed: another CPU's copy holds a previous owner's bytes",
    Mirrors = "cpu_alloc's 'for_each_possible_cpu(cpu) memset(CPU_PTR(ptr, cpu), 0, size)' (cpu_alloc, Lameter, Sep 2008)")]
public sealed class AllocZeroThisCpuOnly(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    /// <summary>The defect: <c>memset(THIS_CPU(ptr), 0, size)</c>.</summary>
    protected override void ZeroEveryCpu(PerCpuPtr ptr, int size) => Area.Fill(ptr, Platform.ThisCpu, 0, size, 0);
}
