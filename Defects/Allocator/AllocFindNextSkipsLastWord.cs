using System.Numerics;
using Conformance.Allocator;
using Conformance.Catalog;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Defects;

/// <summary>
/// cpu_alloc whose bit search stops one map word early when it moves across words. The changed line:
/// <c>if (++index &gt;= nr_words)</c> became <c>if (++index &gt;= nr_words - 1)</c>. With one word
/// (64 units or fewer) nothing changes; on a larger reserve, a search that starts below the last word
/// never sees the units used in it, so the fit test takes a run that hangs into a live allocation there.
/// </summary>
[Implementation("alloc-find-next-skips-last-word",
    Description = "find_next_bit stops before the last map word: a run reaching into it overlaps live units (reserves over 64 units)")]
public sealed class AllocFindNextSkipsLastWord(Platform platform, PerCpuArea area) : CpuAlloc(platform, area)
{
    protected override int FindNext(int start, bool zero)
    {
        if (start >= NrUnits)
        {
            return NrUnits;
        }
        var index = start / BitsPerWord;
        var bits = WordBits(index, zero) & (ulong.MaxValue << (start % BitsPerWord));
        while (bits == 0)
        {
            if (++index >= MapWordCount - 1)
            {
                return NrUnits;
            }
            bits = WordBits(index, zero);
        }
        return Math.Min(index * BitsPerWord + BitOperations.TrailingZeroCount(bits), NrUnits);
    }
}
