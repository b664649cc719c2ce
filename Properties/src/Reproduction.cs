using System.Globalization;
using Conformance.Catalog;

namespace Conformance.Properties;

/// <summary>
/// The one line that reproduces a property failure:
/// <c>prop:&lt;mechanism&gt;:&lt;impl-name&gt;:&lt;level&gt;:&lt;seed&gt;:&lt;gamma&gt;:&lt;size&gt;</c>, FsCheck's
/// (seed, gamma, size) of the failing case. Replaying it generates that case first and shrinks it again.
/// </summary>
public sealed record Reproduction(Mechanism Mechanism, string Implementation, ConformanceLevel Level, ulong Seed, ulong Gamma, int Size)
{
    public const string Prefix = "prop";

    /// <summary>The environment variable a test run reads to replay one case.</summary>
    public const string EnvironmentVariable = "CONFORMANCE_REPLAY";

    public static string MechanismName(Mechanism mechanism) => mechanism switch
    {
        Mechanism.Allocator => "allocator",
        Mechanism.Pool => "pool",
        Mechanism.CrossCall => "crosscall",
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "unknown mechanism"),
    };

    public static string LevelName(ConformanceLevel level) => level == ConformanceLevel.Strict ? "strict" : "contract";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}:{MechanismName(Mechanism)}:{Implementation}:{LevelName(Level)}:{Seed}:{Gamma}:{Size}");

    /// <summary>Parses a reproduction string; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static Reproduction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        if (parts.Length != 7 || parts[0] != Prefix)
        {
            throw new FormatException($"'{text}' is not a property reproduction (prop:<mechanism>:<impl-name>:<level>:<seed>:<gamma>:<size>)");
        }
        var mechanism = parts[1] switch
        {
            "allocator" => Mechanism.Allocator,
            "pool" => Mechanism.Pool,
            "crosscall" => Mechanism.CrossCall,
            _ => throw new FormatException($"unknown mechanism '{parts[1]}' (allocator, pool, crosscall)"),
        };
        var level = parts[3] switch
        {
            "contract" => ConformanceLevel.Contract,
            "strict" => ConformanceLevel.Strict,
            _ => throw new FormatException($"unknown level '{parts[3]}' (contract, strict)"),
        };
        if (parts[2].Length == 0)
        {
            throw new FormatException("the implementation name is empty");
        }
        if (!ulong.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            || !ulong.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var gamma)
            || !int.TryParse(parts[6], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new FormatException($"'{text}': seed, gamma and size are unsigned numbers");
        }
        return new Reproduction(mechanism, parts[2], level, seed, gamma, size);
    }

    public static bool TryParse(string? text, out Reproduction? reproduction)
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
