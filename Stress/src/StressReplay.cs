using System.Reflection;
using Conformance.Catalog;

namespace Conformance.Stress;

/// <summary>
/// Re-runs one stress reproduction line (<c>stress:...</c>): the same operation streams and chaos
/// choices on the same machine size. <c>conformance replay</c> calls it.
/// </summary>
public static class StressReplay
{
    /// <summary>
    /// Re-runs <paramref name="reproduction"/>. The implementation is <paramref name="implementationType"/>
    /// when given, else the catalog's entry of that name, else a type of that name (its implementation
    /// name or full name) in a loaded assembly. A malformed line is a <see cref="FormatException"/> that
    /// shows the expected form.
    /// </summary>
    public static StressResult Run(string reproduction, Type? implementationType = null)
    {
        var line = StressReproduction.Parse(reproduction);
        var entry = implementationType is null ? Resolve(line) : ImplementationCatalog.Describe(implementationType);
        if (entry.Mechanism != line.Mechanism)
        {
            throw new ImplementationLoadException($"{entry.Type.FullName} implements {entry.Mechanism}, but the line is for {line.Mechanism}");
        }
        return StressRunner.Run(entry with { Name = line.Implementation }, line.ToOptions());
    }

    private static ImplementationEntry Resolve(StressReproduction line)
    {
        var builtIn = ImplementationCatalog.All.FirstOrDefault(e => e.Mechanism == line.Mechanism && e.Name == line.Implementation);
        if (builtIn is not null)
        {
            return builtIn;
        }
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic))
        {
            Type?[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types;
            }
            foreach (var type in types)
            {
                if (type is null || type.IsAbstract || !type.IsClass)
                {
                    continue;
                }
                var name = type.GetCustomAttribute<ImplementationAttribute>()?.Name;
                if ((name == line.Implementation || type.FullName == line.Implementation) && Implements(type, line.Mechanism))
                {
                    return ImplementationCatalog.Describe(type);
                }
            }
        }
        throw new ImplementationLoadException(
            $"no {line.Mechanism} implementation called '{line.Implementation}' in the catalog or a loaded assembly; pass its type");
    }

    private static bool Implements(Type type, Mechanism mechanism)
    {
        try
        {
            return ImplementationFactory.MechanismOf(type) == mechanism;
        }
        catch (ImplementationLoadException)
        {
            return false;
        }
    }
}
