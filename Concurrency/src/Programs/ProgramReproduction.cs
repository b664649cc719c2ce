using System.Globalization;
using Conformance.Catalog;

namespace Conformance.Concurrency.Programs;

/// <summary>
/// The one line that reproduces a failure of a generated program:
/// <c>program:&lt;mechanism&gt;:&lt;impl&gt;[@seed]:&lt;program&gt;:&lt;strategy&gt;:&lt;seed&gt;:&lt;iteration&gt;:&lt;trace hash&gt;</c>.
/// The program's own text has colons (<c>0:cs1;1:</c>): it is what lies between the first three fields
/// and the last four, none of which has one.
/// </summary>
public sealed record ProgramReproduction(Mechanism Mechanism, string Implementation, ConcurrentProgram Program, string Strategy, ulong Seed, long Iteration, uint TraceHash)
{
    public const string Prefix = "program";

    public const string Form = "program:<mechanism>:<impl>[@seed]:<program>:<strategy>:<seed>:<iteration>:<trace-hash>";

    /// <summary>Longer lines are refused before they are split (a minimised strategy's path is the long part).</summary>
    public const int MaxLength = 8192;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}:{MechanismName(Mechanism)}:{Implementation}:{Program}:{Strategy}:{Seed}:{Iteration}:{TraceHash:x8}");

    /// <summary>The exploration reproduction of the same schedule, for <see cref="Exploration.Explorer.Replay"/>.</summary>
    public Exploration.Reproduction ToExploration() => new(Program.ToString(), Implementation, Strategy, Seed, Iteration, TraceHash);

    public static string MechanismName(Mechanism mechanism) => mechanism.ToString().ToLowerInvariant();

    /// <summary>Parses the line; anything else is a <see cref="FormatException"/> that shows the expected form.</summary>
    public static ProgramReproduction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length > MaxLength)
        {
            throw new FormatException($"a program reproduction string is at most {MaxLength} characters (this one has {text.Length})");
        }
        var parts = text.Split(':');
        if (parts.Length < 9 || parts[0] != Prefix || parts.Take(3).Any(string.IsNullOrEmpty))
        {
            throw new FormatException($"'{Abbreviate(text)}' is not a program reproduction string; expected {Form}");
        }
        var mechanism = Enum.GetValues<Mechanism>().FirstOrDefault(m => MechanismName(m) == parts[1], (Mechanism)(-1));
        if (mechanism == (Mechanism)(-1))
        {
            throw new FormatException($"'{parts[1]}' is not a mechanism (allocator, pool or crosscall); expected {Form}");
        }
        var tail = parts[^4..];
        if (tail[3].Length != 8 || !uint.TryParse(tail[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hash))
        {
            throw new FormatException($"'{tail[3]}' is not a trace hash (8 hex digits); expected {Form}");
        }
        if (!long.TryParse(tail[2], NumberStyles.None, CultureInfo.InvariantCulture, out var iteration))
        {
            throw new FormatException($"'{tail[2]}' is not an iteration number; expected {Form}");
        }
        if (!ulong.TryParse(tail[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            throw new FormatException($"'{tail[1]}' is not a run seed (a non-negative integer); expected {Form}");
        }
        if (tail[0].Length == 0)
        {
            throw new FormatException($"the strategy is missing; expected {Form}");
        }
        try
        {
            Strategies.StrategyCatalog.Create(tail[0]);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message.Replace(" (Parameter 'description')", "", StringComparison.Ordinal));
        }
        var program = ProgramText.Parse(mechanism, string.Join(':', parts[3..^4]));
        return new ProgramReproduction(mechanism, parts[2], program, tail[0], seed, iteration, hash);
    }

    private static string Abbreviate(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
