using System.Globalization;
using Conformance.Catalog;

namespace Conformance.Stress;

/// <summary>
/// The one line that re-runs a stress run: <c>stress:&lt;mechanism&gt;:&lt;impl-name&gt;:&lt;seed&gt;:&lt;cpus&gt;:&lt;ops&gt;:&lt;chaos 0|1&gt;</c>.
/// It fixes the operation streams and the chaos choices, not the threads' timing.
/// </summary>
public sealed record StressReproduction(Mechanism Mechanism, string Implementation, ulong Seed, int Cpus, int Operations, bool Chaos)
{
    /// <summary>The rule set of the run; written as <c>@seed</c> after the implementation name, nothing for the kernel's.</summary>
    public Contracts.RuleSet Rules { get; init; } = Contracts.RuleSet.Kernel;

    public const string Prefix = "stress";

    public const string Form = "stress:<mechanism>:<impl-name>:<seed>:<cpus>:<ops>:<chaos 0|1>";

    /// <summary>The line for <paramref name="implementation"/> run with <paramref name="options"/>.</summary>
    public static StressReproduction Of(ImplementationEntry implementation, StressOptions options)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ArgumentNullException.ThrowIfNull(options);
        return new(implementation.Mechanism, implementation.Name, options.Seed, options.Cpus, options.Operations, options.Chaos) { Rules = options.Rules };
    }

    /// <summary>allocator, pool, crosscall: as the other reproduction lines spell them.</summary>
    public static string MechanismName(Mechanism mechanism) => mechanism switch
    {
        Mechanism.Allocator => "allocator",
        Mechanism.Pool => "pool",
        Mechanism.CrossCall => "crosscall",
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "unknown mechanism"),
    };

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}:{MechanismName(Mechanism)}:{Clauses.RuleSetNames.Qualify(Implementation, Rules)}:{Seed}:{Cpus}:{Operations}:{(Chaos ? 1 : 0)}");

    /// <summary>The options the line stands for; the rest (time budget, check limits) from <paramref name="template"/>.</summary>
    public StressOptions ToOptions(StressOptions? template = null) =>
        (template ?? new StressOptions()) with { Seed = Seed, Cpus = Cpus, Operations = Operations, Chaos = Chaos, Rules = Rules };

    /// <summary>Parses the line; anything else is a <see cref="FormatException"/> that shows the expected form.</summary>
    public static StressReproduction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        if (parts.Length != 7 || parts[0] != Prefix)
        {
            throw new FormatException($"'{text}' is not a stress reproduction string; expected {Form}");
        }
        var mechanism = parts[1] switch
        {
            "allocator" => Mechanism.Allocator,
            "pool" => Mechanism.Pool,
            "crosscall" => Mechanism.CrossCall,
            _ => throw new FormatException($"unknown mechanism '{parts[1]}' (allocator, pool, crosscall); expected {Form}"),
        };
        if (parts[2].Length == 0)
        {
            throw new FormatException($"the implementation name is empty; expected {Form}");
        }
        if (!ulong.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            throw new FormatException($"'{parts[3]}' is not a seed (a non-negative integer); expected {Form}");
        }
        if (!int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var cpus) || cpus < 2 || cpus > Smp.Platform.MaxCpus)
        {
            throw new FormatException($"'{parts[4]}' is not a CPU count (2 to {Smp.Platform.MaxCpus}); expected {Form}");
        }
        if (!int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var operations) || operations < 1)
        {
            throw new FormatException($"'{parts[5]}' is not an operation count (a positive integer); expected {Form}");
        }
        var chaos = parts[6] switch
        {
            "0" => false,
            "1" => true,
            _ => throw new FormatException($"'{parts[6]}' is not a chaos flag (0 or 1); expected {Form}"),
        };
        var (implementation, rules) = Clauses.RuleSetNames.Split(parts[2]);
        return new StressReproduction(mechanism, implementation, seed, cpus, operations, chaos) { Rules = rules };
    }

    public static bool TryParse(string? text, out StressReproduction? reproduction)
    {
        reproduction = null;
        if (text is null)
        {
            return false;
        }
        try
        {
            reproduction = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
