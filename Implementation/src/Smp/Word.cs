using System.Runtime.CompilerServices;

namespace Conformance.Smp;

/// <summary>
/// A machine word in shared memory. Every access is a scheduling point of the platform that made it,
/// so the controlled backend can interleave CPUs between any two accesses; the threaded backend maps
/// them to <see cref="Volatile"/> and <see cref="Interlocked"/>.
/// </summary>
/// <remarks>
/// Each access reads <see cref="Platform.TakesSlowPath"/> once. When it is false (the threaded backend
/// with nothing to attend to) the access is the memory operation alone: the backend's Point would do
/// nothing, nothing is traced, and no one reads the version. Otherwise the access calls Point, counts
/// the version and traces.
/// </remarks>
public sealed class Word : ISharedLocation
{
    private readonly Platform platform;
    private long value;
    // Only the cooperative backends read versions, one CPU at a time: a plain increment is enough.
    private long version;

    internal Word(Platform platform, string name, long initial)
    {
        this.platform = platform;
        Name = name;
        value = initial;
    }

    public string Name { get; }

    /// <summary>
    /// How many writes the word has seen on a platform that takes every scheduling point (the
    /// cooperative backends, which read it); the threaded backend does not count.
    /// </summary>
    public long Version => Volatile.Read(ref version);

    /// <summary><c>READ_ONCE</c>.</summary>
    public long Read()
    {
        if (platform.TakesSlowPath)
        {
            return ReadSlow();
        }
        return Volatile.Read(ref value);
    }

    /// <summary><c>WRITE_ONCE</c>.</summary>
    public void Write(long newValue)
    {
        if (platform.TakesSlowPath)
        {
            WriteSlow(newValue);
            return;
        }
        Volatile.Write(ref value, newValue);
    }

    /// <summary><c>atomic_add_return</c>: adds and returns the new value.</summary>
    public long Add(long delta)
    {
        var slow = platform.TakesSlowPath;
        if (slow)
        {
            platform.Point(PointKind.Rmw, this);
        }
        var v = Interlocked.Add(ref value, delta);
        if (slow)
        {
            Written(PointKind.Rmw, v);
        }
        return v;
    }

    /// <summary><c>xchg</c>: stores and returns the old value.</summary>
    public long Exchange(long newValue)
    {
        var slow = platform.TakesSlowPath;
        if (slow)
        {
            platform.Point(PointKind.Rmw, this);
        }
        var old = Interlocked.Exchange(ref value, newValue);
        if (slow)
        {
            Written(PointKind.Rmw, newValue);
        }
        return old;
    }

    /// <summary><c>cmpxchg</c>: stores <paramref name="newValue"/> if the word holds <paramref name="expected"/>; returns the old value.</summary>
    public long CompareExchange(long newValue, long expected)
    {
        var slow = platform.TakesSlowPath;
        if (slow)
        {
            platform.Point(PointKind.Rmw, this);
        }
        var old = Interlocked.CompareExchange(ref value, newValue, expected);
        if (slow)
        {
            if (old == expected)
            {
                version++;
            }
            Traced(PointKind.Rmw, old == expected ? newValue : old);
        }
        return old;
    }

    /// <summary><c>test_bit</c>.</summary>
    public bool TestBit(int bit) => (Read() & Mask(bit)) != 0;

    /// <summary><c>set_bit</c>.</summary>
    public void SetBit(int bit) => TestAndSetBit(bit);

    /// <summary><c>clear_bit</c>.</summary>
    public void ClearBit(int bit) => TestAndClearBit(bit);

    /// <summary><c>test_and_set_bit</c>: sets the bit, returns whether it was set before.</summary>
    public bool TestAndSetBit(int bit)
    {
        var slow = platform.TakesSlowPath;
        if (slow)
        {
            platform.Point(PointKind.Rmw, this);
        }
        var mask = Mask(bit);
        var old = Interlocked.Or(ref value, mask);
        if (slow)
        {
            Written(PointKind.Rmw, old | mask);
        }
        return (old & mask) != 0;
    }

    /// <summary><c>test_and_clear_bit</c>: clears the bit, returns whether it was set before.</summary>
    public bool TestAndClearBit(int bit)
    {
        var slow = platform.TakesSlowPath;
        if (slow)
        {
            platform.Point(PointKind.Rmw, this);
        }
        var mask = Mask(bit);
        var old = Interlocked.And(ref value, ~mask);
        if (slow)
        {
            Written(PointKind.Rmw, old & ~mask);
        }
        return (old & mask) != 0;
    }

    /// <summary>
    /// The value without a scheduling point: for oracles, reports and harness code at quiescence.
    /// Code under test must use <see cref="Read"/>.
    /// </summary>
    public long Peek() => Volatile.Read(ref value);

    public string Describe() => Peek().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Name;

    /// <summary>A store that is not a scheduling point (the platform's own lock and work paths).</summary>
    internal void RawWrite(long newValue)
    {
        Volatile.Write(ref value, newValue);
        if (platform.TakesSlowPath)
        {
            version++;
        }
    }

    /// <summary>A compare-and-swap that is not a scheduling point (the platform's own lock paths).</summary>
    internal long RawCompareExchange(long newValue, long expected)
    {
        var old = Interlocked.CompareExchange(ref value, newValue, expected);
        if (old == expected && platform.TakesSlowPath)
        {
            version++;
        }
        return old;
    }

    // The slow paths, out of line so the common path inlines into its callers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long ReadSlow()
    {
        platform.Point(PointKind.Read, this);
        var v = Volatile.Read(ref value);
        Traced(PointKind.Read, v);
        return v;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteSlow(long newValue)
    {
        platform.Point(PointKind.Write, this);
        Volatile.Write(ref value, newValue);
        Written(PointKind.Write, newValue);
    }

    private void Written(PointKind kind, long v)
    {
        version++;
        Traced(kind, v);
    }

    private void Traced(PointKind kind, long v)
    {
        if (platform.traceAccesses)
        {
            platform.OnAccessed(this, kind, v);
        }
    }

    private static long Mask(int bit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bit, 63);
        return 1L << bit;
    }
}
