using System.Runtime.CompilerServices;

namespace Conformance.Smp;

/// <summary>
/// A pointer-sized shared location that holds a reference: a list link, a function pointer, an
/// <c>info</c> argument. Every access is a scheduling point, like a <see cref="Word"/>.
/// </summary>
public sealed class Cell<T> : ISharedLocation
    where T : class
{
    private readonly Platform platform;
    private T? value;
    // Only the cooperative backends read versions, one CPU at a time: a plain increment is enough.
    private long version;

    internal Cell(Platform platform, string name, T? initial)
    {
        this.platform = platform;
        Name = name;
        value = initial;
    }

    public string Name { get; }

    /// <summary>How many writes the cell has seen on a platform that takes every scheduling point (see <see cref="Word.Version"/>).</summary>
    public long Version => Volatile.Read(ref version);

    /// <summary><c>READ_ONCE</c> (also <c>rcu_dereference</c>: every backend is sequentially consistent).</summary>
    public T? Read()
    {
        // As a Word's: the memory operation alone unless the platform needs the point, version or trace.
        if (platform.TakesSlowPath)
        {
            return ReadSlow();
        }
        return Volatile.Read(ref value);
    }

    /// <summary><c>WRITE_ONCE</c> (also <c>rcu_assign_pointer</c>).</summary>
    public void Write(T? newValue)
    {
        if (platform.TakesSlowPath)
        {
            WriteSlow(newValue);
            return;
        }
        Volatile.Write(ref value, newValue);
    }

    /// <summary><c>xchg</c>.</summary>
    public T? Exchange(T? newValue)
    {
        var slow = platform.TakesSlowPath;
        if (slow)
        {
            platform.Point(PointKind.Rmw, this);
        }
        var old = Interlocked.Exchange(ref value, newValue);
        if (slow)
        {
            version++;
            Traced(PointKind.Rmw, newValue);
        }
        return old;
    }

    /// <summary><c>cmpxchg</c> by reference identity; returns the old value.</summary>
    public T? CompareExchange(T? newValue, T? expected)
    {
        var slow = platform.TakesSlowPath;
        if (slow)
        {
            platform.Point(PointKind.Rmw, this);
        }
        var old = Interlocked.CompareExchange(ref value, newValue, expected);
        if (slow)
        {
            if (ReferenceEquals(old, expected))
            {
                version++;
            }
            Traced(PointKind.Rmw, ReferenceEquals(old, expected) ? newValue : old);
        }
        return old;
    }

    /// <summary>The value without a scheduling point: for oracles and reports only.</summary>
    public T? Peek() => Volatile.Read(ref value);

    public string Describe() => Peek()?.ToString() ?? "NULL";

    public override string ToString() => Name;

    // The slow paths, out of line so the common path inlines into its callers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private T? ReadSlow()
    {
        platform.Point(PointKind.Read, this);
        var v = Volatile.Read(ref value);
        Traced(PointKind.Read, v);
        return v;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteSlow(T? newValue)
    {
        platform.Point(PointKind.Write, this);
        Volatile.Write(ref value, newValue);
        version++;
        Traced(PointKind.Write, newValue);
    }

    private void Traced(PointKind kind, T? v)
    {
        if (platform.traceAccesses)
        {
            platform.OnAccessed(this, kind, v);
        }
    }
}
