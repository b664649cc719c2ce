using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose word-at-a-time map update forgets that a run can cross a word boundary. The changed
/// line: <c>count = min(BITS_PER_LONG - from, end - start)</c> became <c>min(BITS_PER_LONG, end - start)</c>.
/// The mask's bits above bit 63 fall off the shift and the loop then steps past them, so the units of
/// a run in the next word are never marked used. Invisible on a reserve of at most 64 units (one word);
/// on a larger one, the next allocation is given units that are live.
/// </summary>
[Implementation("alloc-map-run-crosses-word",
    Description = "set_map/clear_map drop the bits of a run that crosses into the next map word (reserves over 64 units)")]
public sealed class AllocMapRunCrossesWord(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override void UpdateMap(int start, int length, bool set)
    {
        var end = start + length;
        while (start < end)
        {
            var index = start / BitsPerWord;
            var from = start % BitsPerWord;
            var count = Math.Min(BitsPerWord, end - start);
            var mask = (count == BitsPerWord ? ulong.MaxValue : ((1UL << count) - 1)) << from;
            var word = MapWord(index);
            var old = (ulong)word.Read();
            word.Write((long)(set ? old | mask : old & ~mask));
            start += count;
        }
    }
}
