using Conformance.Catalog;

namespace Conformance.Properties;

/// <summary>
/// The entry point the CLI (<c>conformance check</c>) and the contract test classes use: runs the
/// model-based property of an implementation's mechanism and reports results, coverage and, on
/// failure, the reproduction line.
/// </summary>
public static class ConformanceCheck
{
    /// <summary>
    /// Runs the property of <paramref name="implementationType"/>'s mechanism at each level asked
    /// (both when <paramref name="levels"/> is null), with <paramref name="options"/> or the environment's.
    /// </summary>
    public static ConformanceReport Run(Type implementationType, IReadOnlyList<ConformanceLevel>? levels = null, PropertyRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(implementationType);
        options ??= PropertyRunOptions.FromEnvironment();
        var entry = ImplementationCatalog.Describe(implementationType);
        var results = (levels ?? [ConformanceLevel.Contract, ConformanceLevel.Strict])
            .Select(level => Property(implementationType, level, options))
            .ToList();
        return new ConformanceReport(entry, results);
    }

    /// <summary>Runs one property: the mechanism is the one <paramref name="implementationType"/> implements.</summary>
    public static PropertyResult Property(Type implementationType, ConformanceLevel level, PropertyRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(implementationType);
        var entry = ImplementationCatalog.Describe(implementationType);
        return Dispatch(entry, level, options ?? PropertyRunOptions.FromEnvironment(), null);
    }

    internal static PropertyResult Dispatch(ImplementationEntry entry, ConformanceLevel level, PropertyRunOptions options, Reproduction? replay) =>
        entry.Mechanism switch
        {
            Mechanism.Allocator => PropertyRunner.Run(AllocatorProperty.Instance, entry.Type, entry.Name, level, options, replay),
            Mechanism.Pool => PropertyRunner.Run(PoolProperty.Instance, entry.Type, entry.Name, level, options, replay),
            _ => PropertyRunner.Run(CrossCallProperty.Instance, entry.Type, entry.Name, level, options, replay),
        };
}
