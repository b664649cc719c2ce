namespace Conformance.Cli.Output;

/// <summary>Shaping of error text.</summary>
public static class Messages
{
    /// <summary>Any whitespace run (newlines and tabs included) becomes one space, so an error stays one line.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
