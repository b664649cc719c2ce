using Conformance.Contracts;

namespace Conformance.Concurrency.Programs;

/// <summary>The bounds of a generated program: what the generator draws and what a parsed string may ask for.</summary>
public static class ProgramLimits
{
    public const int MinCpus = 2;

    public const int MaxCpus = 4;

    /// <summary>Operations one CPU makes, at most (the generator draws 1 to this many).</summary>
    public const int MaxOpsPerCpu = 4;

    /// <summary>Longer text is refused before it is split.</summary>
    public const int MaxTextLength = 256;

    /// <summary>The pool's: element 8 bytes, low 2, high 3, so a fill target of 1 is below low and the refill runs often.</summary>
    public static readonly PoolParameters Pool = new(8, 8, 2, 3);

    /// <summary>The largest pool fill target, above the high watermark.</summary>
    public const int MaxFillTarget = 6;

    /// <summary>The largest allocation, in bytes.</summary>
    public const int MaxSize = 512;

    /// <summary>The largest alignment (a power of two).</summary>
    public const int MaxAlign = 64;

    /// <summary>The allocator's reserve: at least this, a multiple of 4 bytes.</summary>
    public const int MinReserve = 16;

    /// <summary>The allocator's largest reserve: more than one bitmap word of 4-byte units.</summary>
    public const int MaxReserve = 1024;

    /// <summary>The reserve when the text names none.</summary>
    public const int DefaultReserve = 64;

    /// <summary>The big region after the reserve, for big_percpu_alloc.</summary>
    public const int BigBytes = 512;
}
