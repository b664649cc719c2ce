using System.Globalization;

namespace Conformance.Concurrency.Exploration;

/// <summary>
/// The one line that reproduces an exploration failure:
/// <c>explore:&lt;scenario&gt;:&lt;impl&gt;:&lt;strategy&gt;:&lt;run seed&gt;:&lt;iteration&gt;:&lt;trace hash&gt;</c>.
/// The run seed and iteration give the iteration's own seed; the trace hash lets a replay prove it
/// followed the very schedule that failed.
/// </summary>
public sealed record Reproduction(string Scenario, string Implementation, string Strategy, ulong Seed, long Iteration, uint TraceHash)
{
    public const string Prefix = "explore";

    public const string Form = "explore:<scenario>:<impl>:<strategy>:<seed>:<iteration>:<trace-hash>";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}:{Scenario}:{Implementation}:{Strategy}:{Seed}:{Iteration}:{TraceHash:x8}");

    /// <summary>Parses the line; anything else is a <see cref="FormatException"/> that shows the expected form.</summary>
    public static Reproduction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        if (parts.Length != 7 || parts[0] != Prefix || parts.Take(4).Any(string.IsNullOrEmpty))
        {
            throw new FormatException($"'{text}' is not an exploration reproduction string; expected {Form}");
        }
        if (!ulong.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            throw new FormatException($"'{parts[4]}' is not a run seed (a non-negative integer); expected {Form}");
        }
        if (!long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var iteration))
        {
            throw new FormatException($"'{parts[5]}' is not an iteration number; expected {Form}");
        }
        if (parts[6].Length != 8 || !uint.TryParse(parts[6], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hash))
        {
            throw new FormatException($"'{parts[6]}' is not a trace hash (8 hex digits); expected {Form}");
        }
        return new Reproduction(parts[1], parts[2], parts[3], seed, iteration, hash);
    }
}
