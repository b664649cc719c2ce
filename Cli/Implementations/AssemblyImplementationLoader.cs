using System.Reflection;
using Conformance.Catalog;
using Conformance.Cli.Commands;
using Conformance.Contracts;

namespace Conformance.Cli.Implementations;

/// <summary>
/// Loads a user's implementation for <c>--impl &lt;path.dll&gt; --type &lt;Full.Type.Name&gt;</c>. The assembly
/// goes into the default load context, so its references to the contracts bind to the very types the
/// checks use; its own dependencies are found beside it. Every bad input is a <see cref="UsageException"/>
/// (or the catalog's <see cref="ImplementationLoadException"/>) that says what is wrong.
/// </summary>
public static class AssemblyImplementationLoader
{
    private static readonly Type[] Contracts = [typeof(IPerCpuAllocator), typeof(IPercpuPool), typeof(ICrossCall)];

    private static readonly string ContractNames = string.Join(", ", Contracts.Select(c => c.Name));

    /// <summary>Whether an <c>--impl</c> value names an assembly rather than a catalog implementation.</summary>
    public static bool LooksLikePath(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            || value.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
            || value.Contains('/', StringComparison.Ordinal)
            || value.Contains('\\', StringComparison.Ordinal);
    }

    /// <summary>
    /// The implementation <paramref name="typeName"/> in the assembly at <paramref name="path"/>; with no
    /// type name, the assembly's only public class implementing a contract.
    /// </summary>
    public static ImplementationEntry Load(string path, string? typeName)
    {
        var assembly = LoadAssembly(path);
        var file = Path.GetFileName(path);
        var candidates = ContractTypes(assembly, file);
        Type type;
        if (string.IsNullOrWhiteSpace(typeName))
        {
            type = candidates.Count switch
            {
                1 => candidates[0],
                0 => throw new UsageException($"{file} holds no public class implementing {ContractNames}"),
                _ => throw new UsageException(
                    $"{file} holds several implementations; choose one with --type: {string.Join(", ", candidates.Select(t => t.FullName))}"),
            };
        }
        else
        {
            type = FindType(assembly, typeName.Trim(), file, candidates);
        }
        if (type.IsInterface || type.IsAbstract)
        {
            throw new UsageException($"{type.FullName} is {(type.IsInterface ? "an interface" : "abstract")}: give a concrete class");
        }
        // Throws ImplementationLoadException when the type implements none of the contracts.
        return ImplementationCatalog.Describe(type);
    }

    private static Assembly LoadAssembly(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{path} is a directory; give the path of the assembly (.dll) that holds the implementation");
        }
        if (!File.Exists(full))
        {
            throw new UsageException($"no such file: {path}");
        }
        try
        {
            return Assembly.LoadFrom(full);
        }
        catch (BadImageFormatException)
        {
            throw new UsageException($"{path} is not a .NET assembly");
        }
        catch (FileLoadException e)
        {
            throw new UsageException($"cannot load {path}: {e.Message}");
        }
    }

    private static IReadOnlyList<Type> ContractTypes(Assembly assembly, string file)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var first = e.LoaderExceptions.FirstOrDefault(x => x is not null);
            throw new UsageException($"cannot read the types of {file}: {first?.Message ?? e.Message}");
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException($"cannot read the types of {file}: a dependency is missing: {e.FileName ?? e.Message}");
        }
        return [.. types
            .Where(t => t is { IsClass: true, IsAbstract: false } && Contracts.Any(c => c.IsAssignableFrom(t)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }

    private static Type FindType(Assembly assembly, string typeName, string file, IReadOnlyList<Type> candidates)
    {
        var exact = assembly.GetType(typeName, throwOnError: false, ignoreCase: false);
        if (exact is not null)
        {
            return exact;
        }
        // A bare class name is accepted when it is unambiguous.
        var bySimpleName = assembly.GetExportedTypes().Where(t => t.Name == typeName).ToList();
        if (bySimpleName.Count == 1)
        {
            return bySimpleName[0];
        }
        var known = candidates.Count == 0
            ? $"it holds no public class implementing {ContractNames}"
            : "implementations there: " + string.Join(", ", candidates.Select(t => t.FullName));
        var ambiguity = bySimpleName.Count > 1 ? $" ('{typeName}' matches several: give the full name)" : "";
        throw new UsageException($"type '{typeName}' not found in {file}{ambiguity}; {known}");
    }
}
