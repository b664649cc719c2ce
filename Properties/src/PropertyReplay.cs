using System.Reflection;
using Conformance.Catalog;

namespace Conformance.Properties;

/// <summary>
/// Replays one reproduction line (<c>prop:...</c>): the failing case is generated first, run, and
/// shrunk again, so the same failure is reported. <c>conformance replay</c> calls it, and the contract
/// test classes do when <c>CONFORMANCE_REPLAY</c> holds a line for their implementation and level.
/// </summary>
public static class PropertyReplay
{
    /// <summary>
    /// Replays <paramref name="reproduction"/>. The implementation is <paramref name="implementationType"/>
    /// when given, else the catalog's entry of that name, else a type of that name in a loaded assembly.
    /// </summary>
    public static PropertyResult Run(string reproduction, Type? implementationType = null)
    {
        var parsed = Reproduction.Parse(reproduction);
        var entry = implementationType is null ? Resolve(parsed) : ImplementationCatalog.Describe(implementationType);
        if (entry.Mechanism != parsed.Mechanism)
        {
            throw new ImplementationLoadException($"{entry.Type.FullName} implements {entry.Mechanism}, but the line is for {parsed.Mechanism}");
        }
        return ConformanceCheck.Dispatch(entry with { Name = parsed.Implementation }, parsed.Level, new PropertyRunOptions(), parsed);
    }

    /// <summary>The line in <c>CONFORMANCE_REPLAY</c> when it is for this implementation and level, else null.</summary>
    public static Reproduction? Requested(Type implementationType, ConformanceLevel level)
    {
        ArgumentNullException.ThrowIfNull(implementationType);
        if (!Reproduction.TryParse(Environment.GetEnvironmentVariable(Reproduction.EnvironmentVariable), out var line))
        {
            return null;
        }
        var entry = ImplementationCatalog.Describe(implementationType);
        return line!.Mechanism == entry.Mechanism && line.Implementation == entry.Name && line.Level == level ? line : null;
    }

    private static ImplementationEntry Resolve(Reproduction line)
    {
        var builtIn = ImplementationCatalog.All.FirstOrDefault(e => e.Mechanism == line.Mechanism && e.Name == line.Implementation);
        if (builtIn is not null)
        {
            return builtIn;
        }
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic))
        {
            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types.Where(t => t is not null).ToArray()!;
            }
            foreach (var type in types.Where(t => !t.IsAbstract && t.IsClass))
            {
                var attribute = type.GetCustomAttribute<ImplementationAttribute>();
                if (type.FullName == line.Implementation || attribute?.Name == line.Implementation)
                {
                    var entry = ImplementationCatalog.Describe(type);
                    if (entry.Mechanism == line.Mechanism)
                    {
                        return entry;
                    }
                }
            }
        }
        throw new ImplementationLoadException(
            $"no {line.Mechanism} implementation called '{line.Implementation}' is loaded; pass its type to {nameof(PropertyReplay)}.{nameof(Run)}");
    }
}
