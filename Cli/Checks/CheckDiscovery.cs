using System.Reflection;

namespace Conformance.Cli.Checks;

/// <summary>
/// Finds the check adapters of an assembly: every public concrete class with a public parameterless
/// constructor that implements <see cref="ICheck"/> or <see cref="IReplayer"/>. One instance serves both
/// roles when a class implements both.
/// </summary>
public static class CheckDiscovery
{
    /// <summary>The adapters shipped in the <c>conformance</c> command.</summary>
    public static (CheckRegistry Checks, ReplayRegistry Replayers) BuiltIn() => Discover(typeof(CheckDiscovery).Assembly);

    public static (CheckRegistry Checks, ReplayRegistry Replayers) Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var adapters = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false })
            .Where(t => typeof(ICheck).IsAssignableFrom(t) || typeof(IReplayer).IsAssignableFrom(t))
            .Where(t => t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => Activator.CreateInstance(t)!)
            .ToList();
        return (new CheckRegistry(adapters.OfType<ICheck>()), new ReplayRegistry(adapters.OfType<IReplayer>()));
    }
}
