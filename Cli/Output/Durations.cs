using System.Globalization;

namespace Conformance.Cli.Output;

/// <summary>Short human durations for tables and progress: <c>850ms</c>, <c>12.3s</c>, <c>2m05s</c>.</summary>
public static class Durations
{
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1))
        {
            return ((int)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        }
        if (span < TimeSpan.FromMinutes(1))
        {
            return span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
        }
        return ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m"
            + span.Seconds.ToString("00", CultureInfo.InvariantCulture) + "s";
    }
}
