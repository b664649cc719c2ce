namespace Conformance.Smp;

/// <summary>
/// Static per-cpu data (<c>DEFINE_PER_CPU</c>): one instance per CPU. Finding a CPU's instance is
/// address arithmetic, not a shared access; the instance's fields are words and cells.
/// </summary>
public sealed class PerCpu<T>
{
    private readonly T[] items;
    private readonly Platform platform;

    internal PerCpu(Platform platform, Func<int, T> create)
    {
        this.platform = platform;
        items = new T[platform.CpuCount];
        for (var cpu = 0; cpu < items.Length; cpu++)
        {
            items[cpu] = create(cpu);
        }
    }

    /// <summary><c>per_cpu(var, cpu)</c>.</summary>
    public T this[int cpu] => items[cpu];

    /// <summary><c>__get_cpu_var(var)</c>: the running CPU's instance.</summary>
    public T This => items[platform.ThisCpu];

    public int Count => items.Length;
}
