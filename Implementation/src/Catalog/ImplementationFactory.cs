using System.Reflection;
using Conformance.Contracts;
using Conformance.Memory;
using Conformance.Smp;

namespace Conformance.Catalog;

/// <summary>
/// Builds an implementation from its type by the contracts' constructor conventions:
/// allocator <c>(Platform, PerCpuArea)</c>, pool <c>(Platform, IPerCpuAllocator, PoolParameters)</c>,
/// cross-call <c>(Platform)</c>. Every failure is an <see cref="ImplementationLoadException"/> that says why.
/// </summary>
public static class ImplementationFactory
{
    /// <summary>The mechanism whose contract <paramref name="type"/> implements.</summary>
    public static Mechanism MechanismOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (typeof(IPerCpuAllocator).IsAssignableFrom(type))
        {
            return Mechanism.Allocator;
        }
        if (typeof(IPercpuPool).IsAssignableFrom(type))
        {
            return Mechanism.Pool;
        }
        if (typeof(ICrossCall).IsAssignableFrom(type))
        {
            return Mechanism.CrossCall;
        }
        throw new ImplementationLoadException(
            $"{type.FullName} implements none of the contracts ({nameof(IPerCpuAllocator)}, {nameof(IPercpuPool)}, {nameof(ICrossCall)})");
    }

    public static IPerCpuAllocator CreateAllocator(Type type, Platform platform, PerCpuArea area) =>
        Create<IPerCpuAllocator>(type, platform, area);

    public static IPercpuPool CreatePool(Type type, Platform platform, IPerCpuAllocator allocator, PoolParameters parameters) =>
        Create<IPercpuPool>(type, platform, allocator, parameters);

    public static ICrossCall CreateCrossCall(Type type, Platform platform) =>
        Create<ICrossCall>(type, platform);

    private static T Create<T>(Type type, params object[] arguments)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(T).IsAssignableFrom(type))
        {
            throw new ImplementationLoadException($"{type.FullName} does not implement {typeof(T).Name}");
        }
        if (type.IsAbstract)
        {
            throw new ImplementationLoadException($"{type.FullName} is abstract");
        }
        var parameterTypes = arguments.Select(a => ParameterTypeOf(a)).ToArray();
        var constructor = type.GetConstructor(parameterTypes)
            ?? throw new ImplementationLoadException(
                $"{type.FullName} has no public constructor ({string.Join(", ", parameterTypes.Select(t => t.Name))})");
        try
        {
            return (T)constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new ImplementationLoadException($"the constructor of {type.FullName} threw: {e.InnerException.Message}", e.InnerException);
        }
    }

    private static Type ParameterTypeOf(object argument) => argument switch
    {
        Platform => typeof(Platform),
        IPerCpuAllocator => typeof(IPerCpuAllocator),
        _ => argument.GetType(),
    };
}
