namespace Conformance.Smp;

/// <summary>
/// A machine word in shared memory. Every access is a scheduling point of the platform that made it,
/// so the controlled backend can interleave CPUs between any two accesses; the threaded backend maps
/// them to <see cref="Volatile"/> and <see cref="Interlocked"/>.
/// </summary>
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

    public long Version => Volatile.Read(ref version);

    /// <summary><c>READ_ONCE</c>.</summary>
    public long Read()
    {
        platform.Point(PointKind.Read, this);
        var v = Volatile.Read(ref value);
        Traced(PointKind.Read, v);
        return v;
    }

    /// <summary><c>WRITE_ONCE</c>.</summary>
    public void Write(long newValue)
    {
        platform.Point(PointKind.Write, this);
        RawWrite(newValue);
        Traced(PointKind.Write, newValue);
    }

    /// <summary><c>atomic_add_return</c>: adds and returns the new value.</summary>
    public long Add(long delta)
    {
        platform.Point(PointKind.Rmw, this);
        var v = Interlocked.Add(ref value, delta);
        version++;
        Traced(PointKind.Rmw, v);
        return v;
    }

    /// <summary><c>xchg</c>: stores and returns the old value.</summary>
    public long Exchange(long newValue)
    {
        platform.Point(PointKind.Rmw, this);
        var old = Interlocked.Exchange(ref value, newValue);
        version++;
        Traced(PointKind.Rmw, newValue);
        return old;
    }

    /// <summary><c>cmpxchg</c>: stores <paramref name="newValue"/> if the word holds <paramref name="expected"/>; returns the old value.</summary>
    public long CompareExchange(long newValue, long expected)
    {
        platform.Point(PointKind.Rmw, this);
        var old = RawCompareExchange(newValue, expected);
        Traced(PointKind.Rmw, old == expected ? newValue : old);
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
        platform.Point(PointKind.Rmw, this);
        var old = Interlocked.Or(ref value, Mask(bit));
        version++;
        Traced(PointKind.Rmw, old | Mask(bit));
        return (old & Mask(bit)) != 0;
    }

    /// <summary><c>test_and_clear_bit</c>: clears the bit, returns whether it was set before.</summary>
    public bool TestAndClearBit(int bit)
    {
        platform.Point(PointKind.Rmw, this);
        var old = Interlocked.And(ref value, ~Mask(bit));
        version++;
        Traced(PointKind.Rmw, old & ~Mask(bit));
        return (old & Mask(bit)) != 0;
    }

    /// <summary>
    /// The value without a scheduling point: for oracles, reports and harness code at quiescence.
    /// Code under test must use <see cref="Read"/>.
    /// </summary>
    public long Peek() => Volatile.Read(ref value);

    public string Describe() => Peek().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Name;

    internal void RawWrite(long newValue)
    {
        Volatile.Write(ref value, newValue);
        version++;
    }

    internal long RawCompareExchange(long newValue, long expected)
    {
        var old = Interlocked.CompareExchange(ref value, newValue, expected);
        if (old == expected)
        {
            version++;
        }
        return old;
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
