using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose <c>big_percpu_alloc</c> lost the argument checks. The changed line: the
/// <c>WARN_ON</c>s on size and alignment (<c>CheckArguments</c>) are gone, on the reasoning that big
/// users are few and trusted. An alignment that is not a power of two is turned into a mask and serves
/// a misaligned pointer, and one above a page is served; the contract wants both refused.
/// </summary>
[Implementation("alloc-big-unchecked-args",
    Description = "big_percpu_alloc does not check its arguments: a bad alignment is served instead of refused")]
public sealed class AllocBigUncheckedArgs(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    public override PerCpuPtr AllocBig(int size, int align)
    {
        if (size == 0)
        {
            return PerCpuPtr.ZeroSize;
        }
        var ptr = BigAlloc(size, align);
        if (!ptr.IsNull)
        {
            ZeroEveryCpu(ptr, size);
        }
        return ptr;
    }
}
